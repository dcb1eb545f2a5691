/**
 * QID knowledge in the editor: the hover of a QID in request files (`*.qualys`, REST Client `.http`)
 * and response documents, and "Qualys: Look Up QID or CVE". Both read the active account's
 * KnowledgeBase (knowledgeBases.ts); nothing here parses or fetches on its own. A refusal to read the
 * KnowledgeBase is logged once and then said by the hovers, which ask Qualys no more.
 */
import * as vscode from 'vscode';
import type { ApiError } from '../api/errors';
import type { KbEntry } from '../api/parse/knowledgeBase';
import type { Log } from '../log';
import type { DetailsProvider } from '../views/detailsProvider';
import { errorText, kbDetailsMarkdown, kbHoverMarkdown, kbMissingMarkdown, unavailableText } from './kbText';
import type { KnowledgeBases } from './knowledgeBases';
import { isKnowledgeBaseRequest, qidAt } from './qidTokens';

const REQUEST_LINE = /^\s*(?:(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+)?(?:https?:\/\/|\{\{\w+\}\})\S*/i;
/** Lines looked at above the cursor for the request line (a form body can be long). */
const LOOK_BACK = 300;

/** Whether the request the line belongs to calls the KnowledgeBase (its `ids` are QIDs). */
function inKnowledgeBaseRequest(document: vscode.TextDocument, line: number): boolean {
  for (let i = line; i >= 0 && i > line - LOOK_BACK; i--) {
    const text = document.lineAt(i).text;
    if (REQUEST_LINE.test(text)) return isKnowledgeBaseRequest(text);
    if (/^\s*###/.test(text)) return false;
  }
  return false;
}

/** The scheme of Send Request's response documents (requests/responseDocuments.ts, in the language client's bundle). */
const RESPONSE_SCHEME = 'qualys-response';
const CVE = /^CVE-\d{4}-\d{4,}$/i;

/**
 * Registers the look-up command now; the returned function registers the hover, which extension.ts
 * calls once the language client has registered its own: VS Code shows the newer provider's hover
 * first, so the QID's entry comes before the parameter's documentation.
 */
export function registerKnowledge(context: vscode.ExtensionContext, knowledge: KnowledgeBases, details: DetailsProvider, log: Log): () => void {
  const told = new WeakSet<ApiError>();
  const tellOnce = (error: ApiError | undefined): void => {
    if (!error || told.has(error)) return;
    told.add(error);
    log.apiError('KnowledgeBase', error);
    if (error.kind !== 'cancelled') log.warn(unavailableText(error));
  };

  const hover: vscode.HoverProvider = {
    async provideHover(document, position, token) {
      const line = document.lineAt(position.line).text;
      const found = qidAt(line, position.character, { knowledgeBase: document.uri.scheme !== RESPONSE_SCHEME && /\bids\s*=/.test(line) && inKnowledgeBaseRequest(document, position.line) });
      if (!found) return undefined;
      const range = new vscode.Range(position.line, found.start, position.line, found.end);
      const kb = await knowledge.active();
      if (token.isCancellationRequested) return undefined;
      if (!kb) return new vscode.Hover(new vscode.MarkdownString(`**QID ${found.qid}**\n\nSign in to a Qualys account to see its KnowledgeBase entry.`), range);
      const answer = await kb.lookup([found.qid]);
      if (token.isCancellationRequested) return undefined;
      tellOnce(answer.unavailable);
      const entry = answer.entries.get(found.qid);
      const text = entry ? kbHoverMarkdown(entry) : kbMissingMarkdown(found.qid, answer);
      return new vscode.Hover(new vscode.MarkdownString(text, false), range);
    },
  };

  const lookUp = async (input?: string): Promise<void> => {
    const value = (input ?? (await vscode.window.showInputBox({
      title: 'Look up a QID or a CVE',
      prompt: 'A QID (e.g. 38170) or a CVE (e.g. CVE-2024-3094)',
      validateInput: (v) => (/^\s*\d{1,9}\s*$/.test(v) || CVE.test(v.trim()) ? undefined : 'A QID is a number; a CVE looks like CVE-2024-3094.'),
    })))?.trim();
    if (!value) return;
    const kb = await knowledge.active();
    if (!kb) {
      const choice = await vscode.window.showInformationMessage('Sign in to a Qualys account to look up its KnowledgeBase.', 'Sign In');
      if (choice) await vscode.commands.executeCommand('qualys.signIn');
      return;
    }
    // An explicit lookup asks Qualys again even after a refusal (the permission may have been granted since).
    kb.reset();
    if (CVE.test(value)) {
      const cve = value.toUpperCase();
      const matches: KbEntry[] = [];
      for await (const entry of kb.entries()) if (entry.cves.includes(cve)) matches.push(entry);
      if (matches.length === 0) {
        void vscode.window.showInformationMessage(`None of the ${await kb.size()} KnowledgeBase entries kept for this account lists ${cve}. Qualys' KnowledgeBase list cannot be searched by CVE: entries are kept as QIDs are looked up (detections, hovers).`);
        return;
      }
      const picked = matches.length === 1 ? matches[0] : (await vscode.window.showQuickPick(matches.map((e) => ({ label: `QID ${e.qid}`, description: e.title ?? '', entry: e })), { title: `QIDs listing ${cve}` }))?.entry;
      if (picked) await details.open({ name: `qid-${picked.qid}`, markdown: kbDetailsMarkdown(picked) });
      return;
    }
    const qid = String(Number(value));
    const answer = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Looking up QID ${qid}` }, () => kb.lookup([qid]));
    const entry = answer.entries.get(qid);
    if (entry) await details.open({ name: `qid-${qid}`, markdown: kbDetailsMarkdown(entry) });
    else if (answer.unavailable) {
      tellOnce(answer.unavailable);
      void vscode.window.showErrorMessage(unavailableText(answer.unavailable));
    } else if (answer.failed) void vscode.window.showErrorMessage(`The KnowledgeBase could not be read: ${errorText(answer.failed)}.`);
    else void vscode.window.showInformationMessage(`The KnowledgeBase lists no QID ${qid}.`);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('qualys.lookUpVulnerability', (input?: unknown) => lookUp(typeof input === 'string' ? input : undefined)),
    { dispose: () => void knowledge.dispose() },
  );
  let registered = false;
  return () => {
    if (registered) return;
    registered = true;
    context.subscriptions.push(vscode.languages.registerHoverProvider([{ language: 'qualys-request' }, { language: 'http' }, { scheme: RESPONSE_SCHEME }], hover));
  };
}
