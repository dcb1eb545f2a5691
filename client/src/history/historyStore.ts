/**
 * The request history on disk (the extension's global storage): every sent request with its answer,
 * per account, bounded. One folder per account (named by a hash of the account id), holding
 * `index.json` (newest first) and one file per answer: the response document's text, already redacted
 * (renderResponse.ts), capped at MAX_ANSWER_CHARS. The request is kept so it can be sent again,
 * unless it carried a secret of its own or is larger than HISTORY_REQUEST_CHARS (a body read from a file
 * may be 4 MB, and index.json is rewritten on every record): then it is listed but not resendable.
 * Writes are queued one after another and replace files whole (write then rename), so a crash never
 * leaves half an index. No `vscode` here; the view (historyView.ts) reads it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SendRequest } from '../api';
import type { BodyFormat } from '../requests/formatBody';
import type { AssertionTally } from '../requests/sendFlow';

export const HISTORY_LIMITS = {
  /** Entries kept per account; the oldest go first. */
  entries: 200,
  /** Characters of one answer kept (more is cut, with a note). */
  answerChars: 2 * 1024 * 1024,
  /** Characters of all answers of one account; the oldest go first. */
  totalChars: 64 * 1024 * 1024,
};

/** Characters of a request kept for Send Again (its JSON, body included); a larger one is listed, not resendable. */
export const HISTORY_REQUEST_CHARS = 256 * 1024;

export interface HistoryEntry {
  readonly id: string;
  readonly name: string;
  /** "GET /api/2.0/fo/asset/host/" */
  readonly endpoint: string;
  readonly action?: string;
  readonly account: string;
  /** ISO 8601. */
  readonly sentAt: string;
  /** 'send' (Send Request), 'run' (Run All Requests / the Test Explorer) or 'again' (Send Again). */
  readonly origin: 'send' | 'run' | 'again';
  readonly status?: number;
  readonly code?: string;
  readonly text?: string;
  readonly durationMs?: number;
  /** The answer body's size in bytes. */
  readonly size?: number;
  /** A call that got no answer: the error's kind and message (redacted by the API client). */
  readonly error?: { readonly kind: string; readonly message: string };
  /** Run All's verdict on the answer's assertions, when the request had any. */
  readonly assertions?: AssertionTally;
  readonly format: BodyFormat;
  readonly mutating: boolean;
  /** What was sent (never an Authorization header); absent when it carried a secret of its own. */
  readonly request?: SendRequest;
  /** The request file and line it came from, when known. */
  readonly source?: { readonly uri: string; readonly line: number };
  /** Characters of the stored answer file. */
  readonly chars: number;
}

export type NewEntry = Omit<HistoryEntry, 'id' | 'chars'>;

function folderOf(accountId: string): string {
  return createHash('sha256').update(accountId).digest('hex').slice(0, 16);
}

export class HistoryStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly root: string,
    private readonly limits = HISTORY_LIMITS,
  ) {}

  private folder(accountId: string): string {
    return join(this.root, folderOf(accountId));
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readIndex(accountId: string): Promise<HistoryEntry[]> {
    try {
      const parsed: unknown = JSON.parse(await readFile(join(this.folder(accountId), 'index.json'), 'utf8'));
      return Array.isArray(parsed) ? (parsed as HistoryEntry[]).filter((e) => typeof e?.id === 'string' && /^[\w-]+$/.test(e.id)) : [];
    } catch {
      return [];
    }
  }

  private async writeIndex(accountId: string, entries: readonly HistoryEntry[]): Promise<void> {
    const file = join(this.folder(accountId), 'index.json');
    const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temporary, JSON.stringify(entries), { mode: 0o600 });
    await rename(temporary, file);
  }

  /** Newest first. */
  list(accountId: string): Promise<HistoryEntry[]> {
    return this.serial(() => this.readIndex(accountId));
  }

  /** Stores an entry and its answer text; drops the oldest beyond the limits. */
  record(accountId: string, entry: NewEntry, answer: string): Promise<HistoryEntry> {
    return this.serial(async () => {
      const folder = this.folder(accountId);
      await mkdir(folder, { recursive: true, mode: 0o700 });
      const id = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
      const kept = answer.length > this.limits.answerChars ? `${answer.slice(0, this.limits.answerChars)}\n\n... (the history keeps the first ${this.limits.answerChars} characters of ${answer.length})` : answer;
      await writeFile(join(folder, `${id}.txt`), kept, { mode: 0o600 });
      const stored: HistoryEntry = { ...entry, id, chars: kept.length };
      const entries = [stored, ...(await this.readIndex(accountId))];
      let total = 0;
      const keep: HistoryEntry[] = [];
      const drop: HistoryEntry[] = [];
      for (const e of entries) {
        total += e.chars;
        (keep.length < this.limits.entries && total <= this.limits.totalChars ? keep : drop).push(e);
      }
      await this.writeIndex(accountId, keep);
      await Promise.all(drop.map((e) => unlink(join(folder, `${e.id}.txt`)).catch(() => undefined)));
      return stored;
    });
  }

  /** The stored answer text, or undefined when it is gone. */
  async answer(accountId: string, id: string): Promise<string | undefined> {
    if (!/^[\w-]+$/.test(id)) return undefined;
    try {
      return await readFile(join(this.folder(accountId), `${id}.txt`), 'utf8');
    } catch {
      return undefined;
    }
  }

  clear(accountId: string): Promise<void> {
    return this.serial(() => rm(this.folder(accountId), { recursive: true, force: true }));
  }

  /** Every file of the history (tests look for credentials in them). */
  async files(): Promise<string[]> {
    const out: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const item of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        const path = join(dir, item.name);
        if (item.isDirectory()) await walk(path);
        else out.push(path);
      }
    };
    await walk(this.root);
    return out;
  }
}
