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
  /** The last version checked to the end: its text, its blocks' starts and each block's entry. */
  text: string;
  starts: number[];
  entries: Entry[];
  /** Blocks checked by a run that was stopped (a newer version came), by text, for the next run. */
  spare: Map<string, Entry>;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** Chunks compared at once: slices compared with === run at memory speed (startsWith goes char by char). */
const CHUNK = 4096;

/** How many characters `a` and `b` share at their start. */
function commonPrefix(a: string, b: string): number {
  const most = Math.min(a.length, b.length);
  let at = 0;
  let step = CHUNK;
  while (at < most) {
    const length = Math.min(step, most - at);
    if (a.slice(at, at + length) === b.slice(at, at + length)) {
      at += length;
      step *= 2;
    } else if (length > 64) step = length >> 1;
    else {
      while (at < most && a.charCodeAt(at) === b.charCodeAt(at)) at++;
      break;
    }
  }
  return at;
}

/** How many characters, at most `most`, `a` and `b` share at their end. */
function commonSuffix(a: string, b: string, most: number): number {
  let shared = 0;
  let step = CHUNK;
  while (shared < most) {
    const length = Math.min(step, most - shared);
    if (a.slice(a.length - shared - length, a.length - shared) === b.slice(b.length - shared - length, b.length - shared)) {
      shared += length;
      step *= 2;
    } else if (length > 64) step = length >> 1;
    else {
      while (shared < most && a.charCodeAt(a.length - shared - 1) === b.charCodeAt(b.length - shared - 1)) shared++;
      break;
    }
  }
  return shared;
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
   *
   * An edit is found by comparing with the last version: the text both share at the start and at
   * the end (compared in chunks, no block sliced or hashed) holds the blocks before and after it,
   * which keep their entries; only the blocks between are looked up by text among the last version's
   * blocks there, or checked anew. The work follows the edit, not the file.
   */
  *steps(document: TextDocument): Steps<Diagnostic[]> {
    const text = document.getText();
    const variables = text.includes('@') ? parseVariables(text) : new Map<string, string>();
    const key = variablesKey(variables);
    let state = this.states.get(document.uri);
    if (!state || state.languageId !== document.languageId || state.variables !== key) {
      state = { languageId: document.languageId, variables: key, text: '', starts: [], entries: [], spare: new Map() };
      this.states.set(document.uri, state);
    }
    const { text: old, starts: oldStarts, entries: oldEntries } = state;
    // The edit: what the two versions share at the start and (after that) at the end.
    const prefix = commonPrefix(old, text);
    const suffix = commonSuffix(old, text, Math.min(old.length, text.length) - prefix);
    // Blocks before the edit: their text and the ### of the next block unchanged.
    let before = 0;
    while (before + 1 < oldStarts.length && oldStarts[before + 1]! + 3 <= prefix) before++;
    const middleStart = before < oldStarts.length ? oldStarts[before]! : 0;
    // Blocks after the edit: their text and the line end before them unchanged, moved by the length change.
    const delta = text.length - old.length;
    let after = oldStarts.length;
    while (after > before && (after - 1 === 0 ? old.length <= suffix && delta === 0 : old.length - oldStarts[after - 1]! + 1 <= suffix)) after--;
    const middleEnd = after < oldStarts.length ? oldStarts[after]! + delta : text.length;
    const starts = oldStarts.slice(0, before);
    const entries = oldEntries.slice(0, before);
    // The last version's blocks in the edited stretch, by text: a block moved within it is not checked again.
    const known = new Map<string, Entry>();
    for (let b = before; b < after; b++) known.set(old.slice(oldStarts[b]!, b + 1 < oldStarts.length ? oldStarts[b + 1]! - 1 : old.length), oldEntries[b]!);
    // The blocks between: each ends before the next one's start, the last before the blocks after the edit.
    if (middleStart < middleEnd || (text.length === 0 && after === oldStarts.length)) {
      const middle = blockStarts(text, middleStart, middleEnd);
      for (let i = 0; i < middle.length; i++) {
        const at = middle[i]!;
        const end = i + 1 < middle.length ? middle[i + 1]! - 1 : after < oldStarts.length ? middleEnd - 1 : text.length;
        const blockText = text.slice(at, end);
        let entry = known.get(blockText) ?? state.spare.get(blockText);
        const checked = !entry;
        if (!entry) {
          entry = { newlines: countNewlines(blockText), diagnostics: this.check(blockText, variables, document.languageId) };
          // Kept at once: a run stopped after this step (a newer version arrived) leaves it for the next run.
          state.spare.set(blockText, entry);
        }
        starts.push(at);
        entries.push(entry);
        if (checked) yield;
      }
    }
    for (let b = after; b < oldStarts.length; b++) {
      starts.push(oldStarts[b]! + delta);
      entries.push(oldEntries[b]!);
    }
    const diagnostics: Diagnostic[] = [];
    let line = 0;
    for (let b = 0; b < entries.length; b++) {
      if (b % 256 === 255) yield;
      const entry = entries[b]!;
      for (const diagnostic of entry.diagnostics) diagnostics.push(shifted(diagnostic, line));
      line += entry.newlines + 1;
    }
    // Only the blocks of this version are kept: memory follows the document, not its history.
    state.text = text;
    state.starts = starts;
    state.entries = entries;
    state.spare = new Map();
    return capDiagnostics(diagnostics, REQUEST_SOURCE);
  }
}
