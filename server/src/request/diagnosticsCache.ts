/**
 * Full-document diagnostics of request files, remembered per request: every block (a `###`
 * line to the next) is checked on its own text, with ranges relative to its first line, and the
 * result is kept under that text. An edit then re-checks only the blocks whose text changed; the
 * others are shifted to their new line. The result of a block depends on its text, the file
 * variables and the language id only, so a change of either of the latter two drops the cache.
 */
import type { CancellationToken, Diagnostic, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { runSteps, STOPPED, type Steps } from '../common/steps';
import { blockStarts, parseVariables } from './requestParser';
import { capDiagnostics } from '../util/diagnosticCap';
import { REQUEST_SOURCE } from './requestMessages';

/** Checks one block: ranges are relative to the block (line 0 is its first line). */
export type BlockChecker = (blockText: string, variables: ReadonlyMap<string, string>, languageId: string) => Diagnostic[];

interface Entry {
  /** Newlines in the block's text: the next block starts that many lines + 1 further down. */
  readonly newlines: number;
  readonly diagnostics: readonly Diagnostic[];
}

interface UriState {
  readonly languageId: string;
  readonly variables: string;
  blocks: Map<string, Entry>;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

function shiftRange(range: Range, lines: number): Range {
  return { start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } };
}

/** A copy of a cached diagnostic moved down `lines` lines (the cached one is never handed out). */
function shifted(diagnostic: Diagnostic, lines: number): Diagnostic {
  const data = diagnostic.data as { range?: Range } | undefined;
  const copy: Diagnostic = { ...diagnostic, range: shiftRange(diagnostic.range, lines) };
  if (data?.range) copy.data = { ...data, range: shiftRange(data.range, lines) };
  return copy;
}

function variablesKey(variables: ReadonlyMap<string, string>): string {
  let key = '';
  for (const [name, value] of variables) key += `${name}\u0000${value}\u0001`;
  return key;
}

export class RequestDiagnosticsCache {
  private readonly states = new Map<string, UriState>();

  constructor(private readonly check: BlockChecker) {}

  forget(uri: string): void {
    this.states.delete(uri);
  }

  /** All diagnostics at once; a cancelled run answers none. */
  diagnostics(document: TextDocument, token?: CancellationToken): Diagnostic[] {
    const result = runSteps(this.steps(document), token);
    return result === STOPPED ? [] : result;
  }

  /**
   * The diagnostics in steps (common/steps.ts): a step after each block checked anew and every 256
   * blocks. A run stopped part way keeps the blocks it checked, so the next run starts from them.
   */
  *steps(document: TextDocument): Steps<Diagnostic[]> {
    const text = document.getText();
    const variables = text.includes('@') ? parseVariables(text) : new Map<string, string>();
    const key = variablesKey(variables);
    let state = this.states.get(document.uri);
    if (!state || state.languageId !== document.languageId || state.variables !== key) {
      state = { languageId: document.languageId, variables: key, blocks: new Map() };
      this.states.set(document.uri, state);
    }
    const previous = state.blocks;
    // Only the blocks of this version are kept: memory follows the document, not its history.
    const current = new Map<string, Entry>();
    const diagnostics: Diagnostic[] = [];
    const starts = blockStarts(text);
    let line = 0;
    for (let b = 0; b < starts.length; b++) {
      if (b % 256 === 255) yield;
      const end = b + 1 < starts.length ? starts[b + 1]! - 1 : text.length;
      const blockText = text.slice(starts[b]!, end);
      let entry = current.get(blockText) ?? (previous.size > 0 ? previous.get(blockText) : undefined);
      const checked = !entry;
      if (!entry) {
        entry = { newlines: countNewlines(blockText), diagnostics: this.check(blockText, variables, document.languageId) };
        // Kept at once beside the previous version's blocks: a run stopped after this step (a newer
        // version arrived) leaves it for the next run.
        previous.set(blockText, entry);
      }
      current.set(blockText, entry);
      for (const diagnostic of entry.diagnostics) diagnostics.push(shifted(diagnostic, line));
      line += entry.newlines + 1;
      if (checked) yield;
    }
    state.blocks = current;
    return capDiagnostics(diagnostics, REQUEST_SOURCE);
  }
}
