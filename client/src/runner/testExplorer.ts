/**
 * Request files in VS Code's Test Explorer (the TestController API): each `.qualys` file is a test
 * item, each of its requests a child test, read from the language server (`qualys/resolveFile`) when
 * the file opens or is saved; the workspace's other `.qualys` files are listed when the Test Explorer first
 * shows its tests. Running them ("Run All Requests", the Test Explorer's run buttons) sends
 * the requests in order with the runner (runStep.ts), asks once before any that changes data, and
 * reports each assertion that failed at its line. Assertions are evaluated in a worker thread.
 * The only `vscode` file of the runner.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { noun, plural } from '../../../common/plural';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ResolveFileRequest, ResolveRequestRequest, type RequestOutline, type RunnableRequest } from '../../../protocol';
import type { AccountSource, RequestLog } from '../requests/accountSource';
import type { VariableLookup } from '../requests/exchange/exchange';
import type { SentListener } from '../requests/sendFlow';
import type { AssertionResult } from './evaluate';
import type { StepResult } from './runStep';
import type { BodyFileReader } from '../requests/bodyFile';

export const RUN_ALL_COMMAND = 'qualys.runAllRequests';


export interface TestExplorerDeps {
  readonly languageClient: LanguageClient;
  readonly accounts: AccountSource;
  readonly log: RequestLog;
  readonly sent?: SentListener;
  /** The active environment's variables, and its secrets to keep out of the history. */
  readonly variables?: VariableLookup;
  readonly secrets?: () => readonly string[];
  /** Reads the `< path` bodies of a request file (requests/bodyFile.ts). */
  readonly bodyFiles?: (uri: string) => BodyFileReader;
}

const REFRESH_DELAY_MS = 400;

function isRequestDocument(document: vscode.TextDocument): boolean {
  return (document.languageId === 'qualys-request' || document.languageId === 'http') && (document.uri.scheme === 'file' || document.uri.scheme === 'untitled');
}

function childId(uri: string, index: number): string {
  return `${uri}#${index}`;
}

function failureMessages(step: StepResult, uri: vscode.Uri): vscode.TestMessage[] {
  const failed = step.assertions.filter((a) => a.outcome === 'failed');
  if (failed.length === 0) {
    const message = new vscode.TestMessage(step.message ?? step.outcome);
    message.location = new vscode.Location(uri, new vscode.Position(step.request.line, 0));
    return [message];
  }
  return failed.map((result: AssertionResult) => {
    const text = result.message ?? `${result.assertion.source} failed`;
    const expected = result.assertion.expected;
    const equality = (result.assertion.operator === '==' || result.assertion.operator === 'equals') && expected !== undefined && result.actual !== undefined;
    const message = equality ? vscode.TestMessage.diff(text, expected, result.actual!) : new vscode.TestMessage(text);
    message.location = new vscode.Location(uri, new vscode.Position(result.assertion.line, 0));
    return message;
  });
}

function summaryLine(step: StepResult): string {
  const answer = step.answer ? ` HTTP ${step.answer.status}, ${step.answer.durationMs} ms${step.answer.code ? `, CODE ${step.answer.code}` : ''}` : '';
  return `${step.outcome.toUpperCase()} ${step.request.name} (line ${step.request.line + 1})${answer}${step.message && step.outcome !== 'passed' ? `: ${step.message}` : ''}`;
}

export class RequestTestExplorer implements vscode.Disposable {
  readonly controller: vscode.TestController;
  private readonly profile: vscode.TestRunProfile;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: TestExplorerDeps) {
    this.controller = vscode.tests.createTestController('qualys.requests', 'Qualys Requests');
    // VS Code asks with no item when the Test Explorer first shows the tests: the workspace is searched then,
    // not when the language client starts (a search of up to 500 files the user may never look at).
    this.controller.resolveHandler = async (item) => {
      if (!item) return this.discoverOnce();
      if (!item.uri) return;
      await this.refresh(await vscode.workspace.openTextDocument(item.uri));
    };
    this.controller.refreshHandler = async () => {
      await this.discover();
      for (const document of vscode.workspace.textDocuments) if (isRequestDocument(document)) await this.refresh(document);
    };
    this.profile = this.controller.createRunProfile('Run Requests', vscode.TestRunProfileKind.Run, (request, token) => this.run(request, token), true);
    this.disposables.push(
      this.controller,
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document)),
      // Not on every change: resolving a file of thousands of requests costs the server a fraction of a second.
      vscode.workspace.onDidSaveTextDocument((document) => this.schedule(document)),
    );
    for (const document of vscode.workspace.textDocuments) this.schedule(document);
  }

  private discovered: Promise<void> | undefined;

  private discoverOnce(): Promise<void> {
    this.discovered ??= this.discover();
    return this.discovered;
  }

  /** The workspace's `.qualys` files, as items whose requests are read when expanded. */
  private async discover(): Promise<void> {
    try {
      for (const uri of await vscode.workspace.findFiles('**/*.qualys', '**/node_modules/**', 500)) this.fileItem(uri);
    } catch (error) {
      this.deps.log.warn(`Test Explorer: the workspace's request files could not be listed (${error instanceof Error ? error.message : String(error)}).`);
    }
  }

  private fileItem(uri: vscode.Uri): vscode.TestItem {
    const id = uri.toString();
    let item = this.controller.items.get(id);
    if (!item) {
      item = this.controller.createTestItem(id, basename(uri.path), uri);
      item.canResolveChildren = true;
      this.controller.items.add(item);
    }
    return item;
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isRequestDocument(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.refresh(document);
      }, REFRESH_DELAY_MS),
    );
  }

  /** Reads the file's requests (their outline) from the language server and makes them the file item's children. */
  async refresh(document: vscode.TextDocument): Promise<RequestOutline[]> {
    let requests: readonly RequestOutline[];
    try {
      requests = ((await this.deps.languageClient.sendRequest(ResolveFileRequest.type, { uri: document.uri.toString(), outline: true }))?.requests ?? []) as readonly RequestOutline[];
    } catch (error) {
      this.deps.log.warn(`Test Explorer: ${basename(document.uri.path)} could not be read (${error instanceof Error ? error.message : String(error)}).`);
      return [];
    }
    const id = document.uri.toString();
    if (requests.length === 0 && document.languageId === 'http') {
      this.controller.items.delete(id);
      return [];
    }
    const file = this.fileItem(document.uri);
    file.canResolveChildren = false;
    file.children.replace(
      requests.map((request) => {
        const item = this.controller.createTestItem(childId(id, request.index), request.name, document.uri);
        item.range = new vscode.Range(request.startLine, 0, request.endLine, 0);
        item.description = `${request.method} ${request.url}${request.changesData ? ' (changes data)' : ''}`;
        return item;
      }),
    );
    return [...requests];
  }

  /** "Run All Requests": every request of the file, in order, as one test run. */
  async runFile(uri: vscode.Uri): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uri);
    await this.refresh(document);
    const item = this.controller.items.get(uri.toString());
    if (!item || item.children.size === 0) {
      void vscode.window.showErrorMessage(`${basename(uri.path)} holds no Qualys request to run.`);
      return;
    }
    void vscode.commands.executeCommand('workbench.view.testing.focus');
    const source = new vscode.CancellationTokenSource();
    try {
      await this.run(new vscode.TestRunRequest([item], undefined, this.profile), source.token);
    } finally {
      source.dispose();
    }
  }

  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const run = this.controller.createTestRun(request);
    const excluded = new Set((request.exclude ?? []).map((item) => item.id));
    // Which requests, grouped by file, in file order.
    const byFile = new Map<string, { file: vscode.TestItem; indexes: Set<number> | 'all' }>();
    const roots = request.include ?? [...this.iterate(this.controller.items)];
    for (const item of roots) {
      if (excluded.has(item.id)) continue;
      const file = item.parent ?? item;
      const entry = byFile.get(file.id) ?? { file, indexes: new Set<number>() };
      if (item.parent === undefined) entry.indexes = 'all';
      else if (entry.indexes !== 'all') entry.indexes.add(Number(item.id.slice(item.id.lastIndexOf('#') + 1)));
      byFile.set(file.id, entry);
    }
    try {
      for (const { file, indexes } of byFile.values()) {
        if (token.isCancellationRequested || !file.uri) break;
        const document = await vscode.workspace.openTextDocument(file.uri);
        const listed = (await this.refresh(document)).filter((r) => (indexes === 'all' || indexes.has(r.index)) && !excluded.has(childId(file.id, r.index)));
        if (listed.length === 0) continue;
        const resolved = (await this.deps.languageClient.sendRequest(ResolveFileRequest.type, { uri: document.uri.toString(), indexes: listed.map((r) => r.index) }))?.requests ?? [];
        await this.runRequests(run, file, resolved as readonly RunnableRequest[], token);
      }
    } finally {
      run.end();
    }
  }

  private *iterate(collection: vscode.TestItemCollection): Iterable<vscode.TestItem> {
    for (const [, item] of collection) yield item;
  }

  private async runRequests(run: vscode.TestRun, file: vscode.TestItem, requests: readonly RunnableRequest[], token: vscode.CancellationToken): Promise<void> {
    const uri = file.uri!;
    const itemOf = (r: RunnableRequest): vscode.TestItem | undefined => file.children.get(childId(file.id, r.index));
    for (const r of requests) run.enqueued(itemOf(r)!);
    const client = await this.deps.accounts.getActiveClient();
    const account = this.deps.accounts.activeAccount();
    if (!client || !account) {
      for (const r of requests) run.errored(itemOf(r)!, new vscode.TestMessage('Sign in to a Qualys account to run requests.'));
      if ((await vscode.window.showInformationMessage('Sign in to a Qualys account to run requests.', 'Sign In')) === 'Sign In') await vscode.commands.executeCommand('qualys.signIn');
      return;
    }
    const { assertionEvaluator, confirmationMessage, planSend } = await import('../requests/sendModules');
    const { MemoryAnswers } = await import('../requests/exchange/answers');
    const changing = requests.filter((r) => {
      const planned = planSend(r, r.changesData);
      return planned.ok && planned.plan.mutating;
    });
    const changingNames = new Set(changing.flatMap((r) => (r.requestName ? [r.requestName] : [])));
    let allowChanges = false;
    if (changing.length > 0) {
      const names = changing.map((r) => `"${r.name}"`).join(', ');
      const choice = await vscode.window.showWarningMessage(
        `${changing.length === 1 ? 'One request changes' : `${plural(changing.length, 'request')} change`} data in ${account.label}: ${names}. Send ${noun(changing.length, 'it', 'them')}?`,
        { modal: true, detail: 'Requests that change data are sent once and never retried automatically. Skipped ones are reported as skipped.' },
        'Send',
        'Skip',
      );
      if (choice === undefined) {
        for (const r of requests) run.skipped(itemOf(r)!);
        return;
      }
      allowChanges = choice === 'Send';
    }
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    // The XPath worker chained references use: a run that chains and asserts starts one worker.
    const evaluator = assertionEvaluator();
    const { runRequests } = await import('./runStep');
    try {
      const summary = await runRequests(
        requests,
        {
          client,
          signal: controller.signal,
          // A reference reads the answer this run received; a named request it needs is sent first, as Send Request does.
          answers: new MemoryAnswers(),
          source: { named: async (name) => (await this.deps.languageClient.sendRequest(ResolveRequestRequest.type, { uri: uri.toString(), name })) ?? null },
          ...(this.deps.variables ? { variables: this.deps.variables } : {}),
          ...(this.deps.bodyFiles ? { readBodyFile: this.deps.bodyFiles(uri.toString()) } : {}),
          allowChange: async (plan, request, neededBy) => {
            // The run's own requests were asked about together; a dependency outside the run is asked about as Send Request asks.
            if (neededBy === undefined || (request.requestName !== undefined && changingNames.has(request.requestName))) return allowChanges;
            const question = confirmationMessage(plan, account.label, neededBy);
            return (await vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, 'Send')) === 'Send';
          },
          evaluate: (assertions, answer) => evaluator.evaluate(assertions, answer, controller.signal),
          sent: (plan, request, outcome, sentAt, checks) =>
            this.deps.sent?.({ plan, outcome, sentAt, client, account, source: { uri: uri.toString(), line: request.line }, origin: 'run', secrets: this.deps.secrets?.() ?? [], ...(checks ? { checks } : {}) }),
        },
        (r) => run.started(itemOf(r)!),
        (step) => {
          const item = itemOf(step.request)!;
          const location = new vscode.Location(uri, new vscode.Position(step.request.line, 0));
          run.appendOutput(`${summaryLine(step)}\r\n`, location, item);
          if (step.outcome === 'passed') run.passed(item, step.durationMs);
          else if (step.outcome === 'failed') run.failed(item, failureMessages(step, uri), step.durationMs);
          else if (step.outcome === 'errored') run.errored(item, failureMessages(step, uri), step.durationMs);
          else run.skipped(item);
        },
      );
      this.deps.log.info(`Run All Requests: ${basename(uri.path)}: ${summary.passed} passed, ${summary.failed} failed, ${summary.errored} errored, ${summary.skipped} skipped.`);
    } finally {
      cancel.dispose();
    }
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
