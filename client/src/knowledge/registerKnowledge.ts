/**
 * QID knowledge in the editor: the hover of a QID in request files (`*.qualys`, REST Client `.http`)
 * and response documents, and "Qualys: Look Up QID or CVE". Both read the active account's
 * KnowledgeBase (knowledgeBases.ts); nothing here parses or fetches on its own. A refusal to read the
 * KnowledgeBase is logged once and then said by the hovers, which ask Qualys no more.
 */
import * as vscode from 'vscode';
import type { ApiError } from '../api/errors';
import type { Log } from '../log';
import type { DetailsProvider } from '../views/detailsProvider';
import { kbHoverMarkdown, kbMissingMarkdown, unavailableText } from './kbText';
import type { KnowledgeBases } from './knowledgeBases';
import { lookUp, lookUpProblem, notAQuery, parseLookUp, qidDetails } from './lookUp';
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

  const lookUpCommand = async (input?: string): Promise<void> => {
    const text = input ?? (await vscode.window.showInputBox({ title: 'Look up a QID or a CVE', prompt: 'A QID (e.g. 38170) or a CVE (e.g. CVE-2024-3094)', validateInput: lookUpProblem }));
    if (!text?.trim()) return;
    const query = parseLookUp(text);
    if (!query) return void vscode.window.showErrorMessage(notAQuery(text));
    const kb = await knowledge.active();
    if (!kb) {
      const choice = await vscode.window.showInformationMessage('Sign in to a Qualys account to look up its KnowledgeBase.', 'Sign In');
      if (choice) await vscode.commands.executeCommand('qualys.signIn');
      return;
    }
    const title = query.kind === 'qid' ? `Looking up QID ${query.qid}` : `Looking for ${query.cve}`;
    const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, () => lookUp(kb, query));
    switch (outcome.kind) {
      case 'details':
        await details.open({ name: outcome.name, markdown: outcome.markdown });
        return;
      case 'choose': {
        const picked = (await vscode.window.showQuickPick(outcome.entries.map((e) => ({ label: `QID ${e.qid}`, description: e.title ?? '', entry: e })), { title: outcome.title }))?.entry;
        if (picked) await details.open(qidDetails(picked));
        return;
      }
      case 'info':
        void vscode.window.showInformationMessage(outcome.message);
        return;
      case 'error':
        tellOnce(outcome.refusal);
        void vscode.window.showErrorMessage(outcome.message);
        return;
    }
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('qualys.lookUpVulnerability', (input?: unknown) => lookUpCommand(typeof input === 'string' ? input : undefined)),
    { dispose: () => void knowledge.dispose() },
  );
  let registered = false;
  return () => {
    if (registered) return;
    registered = true;
    context.subscriptions.push(vscode.languages.registerHoverProvider([{ language: 'qualys-request' }, { language: 'http' }, { scheme: RESPONSE_SCHEME }], hover));
  };
}
