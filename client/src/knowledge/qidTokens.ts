/**
 * Where a QID is under the cursor: a number in a parameter that takes QIDs (`qids=38170,38172-38175`,
 * `qid=`, `*_qids=`, and `ids=` of a KnowledgeBase call), the text of a QID element of a response
 * (`<QID>38170</QID>`, CDATA too) or a "qid" key of a JSON answer. Only the line is read (and, for
 * `ids=`, whether the request is a KnowledgeBase call), so it costs nothing in a large document.
 * Pure: no `vscode` import.
 */

export interface QidToken {
  readonly qid: string;
  /** Offsets of the number in the line. */
  readonly start: number;
  readonly end: number;
}

export interface QidContext {
  /** The request under the cursor calls the KnowledgeBase (its `ids` are QIDs). */
  readonly knowledgeBase?: boolean;
}

/** Lines longer than this are not looked at (a minified answer: hovering it is not reading it). */
const MAX_LINE = 20_000;
const DIGIT = /\d/;

/** Parameter names whose values are QIDs. */
const QID_PARAM = /(?:^|[?&\s;])((?:\w+_)?qids?|ids)\s*=\s*([\d,\s-]*)$/i;
const QID_ELEMENT = /<((?:\w+_)?QID)\s*>\s*(?:<!\[CDATA\[\s*)?$/;
const QID_JSON = /"(?:\w+_)?qid"\s*:\s*"?$/i;

export function qidAt(line: string, character: number, context: QidContext = {}): QidToken | undefined {
  if (line.length > MAX_LINE) return undefined;
  let start = character;
  let end = character;
  while (start > 0 && DIGIT.test(line[start - 1]!)) start--;
  while (end < line.length && DIGIT.test(line[end]!)) end++;
  if (end === start || end - start > 9) return undefined;
  const before = line.slice(Math.max(0, start - 200), start);
  const token = { qid: String(Number(line.slice(start, end))), start, end };
  const param = QID_PARAM.exec(before);
  if (param) {
    const name = param[1]!.toLowerCase();
    if (name === 'ids') return context.knowledgeBase ? token : undefined;
    return token;
  }
  if (QID_ELEMENT.test(before) || QID_JSON.test(before)) return token;
  return undefined;
}

/** Whether a request line (or URL) calls the KnowledgeBase. */
export function isKnowledgeBaseRequest(requestLine: string): boolean {
  return /\/fo\/knowledge_base\/vuln\/?/i.test(requestLine);
}
