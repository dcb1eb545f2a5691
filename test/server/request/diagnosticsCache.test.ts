import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RequestDiagnosticsCache } from '../../../server/src/request/diagnosticsCache';
import { RequestService } from '../../../server/src/request/requestService';
import { token } from './helpers';

const bad = (i: number) => `### r${i}\nGET {{baseUrl}}/api/2.0/fo/asset/host/?action=lst&ids=${i}\n`;

/** A cache whose checker counts its calls and reports the word `bad` of each block. */
function counting(): { cache: RequestDiagnosticsCache; checked: string[] } {
  const checked: string[] = [];
  const cache = new RequestDiagnosticsCache((text) => {
    checked.push(text);
    const at = text.indexOf('bad');
    return at < 0 ? [] : [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, message: 'bad', data: { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } } } }];
  });
  return { cache, checked };
}

const doc = (text: string, version: number, languageId = 'qualys-request') => TextDocument.create('file:///c.qualys', languageId, version, text);

test('an edit re-checks only the request whose text changed; the others move to their new line', () => {
  const { cache, checked } = counting();
  const blocks = ['### a\nbad\n', '### b\nok\n', '### c\nbad\n'];
  cache.diagnostics(doc(blocks.join('\n'), 1), token);
  assert.equal(checked.length, 3);
  checked.length = 0;
  // Two lines inserted in the first block: only it is checked again, the third moves down by 2.
  const edited = ['### a\nbad\nx\ny\n', blocks[1], blocks[2]].join('\n');
  const diagnostics: Diagnostic[] = cache.diagnostics(doc(edited, 2), token);
  assert.deepEqual(checked, ['### a\nbad\nx\ny\n']);
  assert.deepEqual(diagnostics.map((d) => d.range.start.line), [1, 9]);
  assert.deepEqual(diagnostics.map((d) => (d.data as { range: { start: { line: number } } }).range.start.line), [1, 9]);
  const lines = TextDocument.create('u', 'x', 0, edited);
  assert.equal(lines.getText(diagnostics[1]!.range), 'bad');
});

test('a change of the file variables or of the language id checks every request again', () => {
  const { cache, checked } = counting();
  const text = '### a\nbad\n\n### b\nok\n';
  cache.diagnostics(doc(text, 1), token);
  cache.diagnostics(doc(`@host = x\n${text}`, 2), token);
  cache.diagnostics(doc(`@host = x\n${text}`, 3, 'http'), token);
  assert.equal(checked.length, 2 + 3 + 3);
});

test('cached diagnostics are copies: changing what was returned does not change the next answer', () => {
  const { cache } = counting();
  const first = cache.diagnostics(doc('### a\nbad\n', 1), token);
  first[0]!.range.start.line = 99;
  assert.equal(cache.diagnostics(doc('### a\nbad\n', 2), token)[0]!.range.start.line, 1);
});

test('the service gives the same diagnostics after an edit as on a fresh start', () => {
  const text = Array.from({ length: 40 }, (_, i) => bad(i)).join('\n');
  const service = new RequestService();
  service.diagnostics(doc(text, 1), token);
  const edited = text.replace('ids=7\n', 'ids=7&ids=8\n').replace('### r3\n', '### r3\n# a comment\n');
  const incremental = service.diagnostics(doc(edited, 2), token);
  const fresh = new RequestService().diagnostics(doc(edited, 1), token);
  assert.deepEqual(incremental, fresh);
  assert.equal(incremental.length, 41);
});

test('after any series of edits the cache answers what a fresh check answers, blocks and lines alike', () => {
  // Random edits near and across block boundaries: ### lines made and broken, blocks joined, split,
  // moved and deleted, the text emptied; each answer is compared with a cache that never saw a version before.
  let seed = 7;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const pieces = ['### ', '###', '\n', '\n###', 'bad', 'ok', 'x', '\n### r\nbad\n', ''];
  const { cache } = counting();
  let text = ['### a\nbad\n', '### b\nok\n', '### c\nbad\nbad\n', '### d\nok'].join('\n');
  for (let version = 1; version <= 600; version++) {
    const at = random(text.length + 1);
    const kind = random(4);
    if (kind === 0 && text.length > 0) text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + random(12)));
    else if (kind === 1) {
      const from = random(text.length + 1);
      const moved = text.slice(from, from + random(20));
      text = text.slice(0, from) + text.slice(from + moved.length);
      const to = random(text.length + 1);
      text = text.slice(0, to) + moved + text.slice(to);
    } else if (kind === 2 && version % 97 === 0) text = '';
    else text = text.slice(0, at) + pieces[random(pieces.length)]! + text.slice(at);
    const incremental = cache.diagnostics(doc(text, version), token);
    const fresh = counting().cache.diagnostics(doc(text, version), token);
    assert.deepEqual(incremental, fresh, `version ${version}: ${JSON.stringify(text)}`);
  }
});

test('an edit looks up by text only the blocks it touched: the others are compared in place', () => {
  const looked: string[] = [];
  const { cache, checked } = counting();
  const text = Array.from({ length: 50 }, (_, i) => `### r${i}\n${i % 2 ? 'bad' : 'ok'}\n`).join('\n');
  cache.diagnostics(doc(text, 1), token);
  checked.length = 0;
  const get = Map.prototype.get;
  Map.prototype.get = function (this: Map<unknown, unknown>, key: unknown) {
    if (typeof key === 'string' && key.startsWith('### r')) looked.push(key);
    return get.call(this, key);
  };
  try {
    cache.diagnostics(doc(text.replace('### r25\nbad\n', '### r25\nbad x\n'), 2), token);
  } finally {
    Map.prototype.get = get;
  }
  assert.deepEqual(checked, ['### r25\nbad x\n']);
  assert.deepEqual([...new Set(looked)], ['### r25\nbad x\n']);
});
