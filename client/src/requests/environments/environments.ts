/**
 * Environments in VS Code: reads `.vscode/qualys-environments.json` of the first workspace folder
 * (and again when it changes), shows the active one in the status bar, switches with a quick pick,
 * and answers variable lookups for Send Request and Copy as curl. A `{ "secret": "name" }` value is
 * read from SecretStorage (asked for once, with a password box, when it is not there yet). The
 * values of secrets used are remembered for the session so that what is shown can mask them.
 */
import * as vscode from 'vscode';
import { plural } from '../../../../common/plural';
import type { EnvironmentVariablesParams } from '../../../../protocol';
import { ENVIRONMENTS_FILE, environmentValue, environmentVariables, readEnvironmentsFile, type EnvironmentsFile } from './environmentFile';

export const ENVIRONMENT_COMMANDS = { select: 'qualys.selectEnvironment', setSecret: 'qualys.setEnvironmentSecret' } as const;
const ACTIVE_KEY = 'qualys.environment';
const EMPTY: EnvironmentsFile = { environments: new Map(), shared: new Map(), problems: [] };

export class Environments implements vscode.Disposable {
  private file: EnvironmentsFile = EMPTY;
  private active: string | undefined;
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly usedSecrets = new Set<string>();
  private reported = '';

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly warn: (message: string) => void,
    /** Tells the language server the variables (names, where defined; never a secret's value). */
    private readonly notify: (params: EnvironmentVariablesParams) => void = () => undefined,
  ) {
    this.active = context.workspaceState.get<string>(ACTIVE_KEY);
    this.item = vscode.window.createStatusBarItem('qualys.environment', vscode.StatusBarAlignment.Left, 40);
    this.item.name = 'Qualys Environment';
    this.item.command = ENVIRONMENT_COMMANDS.select;
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${ENVIRONMENTS_FILE}`);
    this.disposables.push(
      this.item,
      watcher,
      watcher.onDidChange(() => void this.reload()),
      watcher.onDidCreate(() => void this.reload()),
      watcher.onDidDelete(() => void this.reload()),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
    );
    void this.reload();
  }

  private fileUri(): vscode.Uri | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? vscode.Uri.joinPath(folder.uri, ENVIRONMENTS_FILE) : undefined;
  }

  async reload(): Promise<void> {
    const uri = this.fileUri();
    let text: string | undefined;
    try {
      text = uri ? new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) : undefined;
    } catch {
      text = undefined;
    }
    this.file = text === undefined ? EMPTY : readEnvironmentsFile(text);
    const problems = this.file.problems.join(' ');
    if (problems && problems !== this.reported) this.warn(problems);
    this.reported = problems;
    if (this.active && !this.file.environments.has(this.active)) this.active = undefined;
    this.render();
    this.resend();
  }

  /** Sends the variables to the language server (again: a restarted server starts without them). */
  resend(): void {
    this.notify(environmentVariables(this.file, this.active));
  }

  private render(): void {
    const language = vscode.window.activeTextEditor?.document.languageId;
    const wanted = language === 'qualys-request' || language === 'http' || this.file.environments.size > 0;
    this.item.text = `$(symbol-variable) ${this.active ?? 'No environment'}`;
    this.item.tooltip = this.file.environments.size > 0 ? `Qualys request environment (${ENVIRONMENTS_FILE}): click to switch` : `No Qualys environments yet: click to create ${ENVIRONMENTS_FILE}`;
    if (wanted) this.item.show();
    else this.item.hide();
  }

  activeName(): string | undefined {
    return this.active;
  }

  /** Values of the secrets used so far: what is shown masks them. */
  secretValues(): string[] {
    return [...this.usedSecrets];
  }

  private secretKey(name: string): string {
    return `qualys.environmentSecret:${vscode.workspace.workspaceFolders?.[0]?.uri.toString() ?? ''}:${name}`;
  }

  /** The lookup Send Request and Copy as curl use. */
  readonly lookup = async (name: string): Promise<string | undefined> => {
    const value = environmentValue(this.file, this.active, name);
    if (!value) return undefined;
    if ('value' in value) return value.value;
    let secret = await this.context.secrets.get(this.secretKey(value.secret));
    if (secret === undefined) {
      secret = await vscode.window.showInputBox({ title: `Secret '${value.secret}'`, prompt: `{{${name}}} names the secret '${value.secret}'. Its value is kept in VS Code's secret storage, never in a file.`, password: true, ignoreFocusOut: true });
      if (secret === undefined) return undefined;
      await this.context.secrets.store(this.secretKey(value.secret), secret);
    }
    if (secret) this.usedSecrets.add(secret);
    return secret;
  };

  async select(): Promise<void> {
    const names = [...this.file.environments.keys()];
    const uri = this.fileUri();
    type Item = vscode.QuickPickItem & { readonly pick: string | undefined | 'edit' };
    const items: Item[] = [
      ...names.map((name): Item => ({ label: name, description: name === this.active ? 'active' : '', detail: plural(this.file.environments.get(name)!.size, 'variable'), pick: name })),
      { label: 'No environment', pick: undefined },
      ...(uri ? [{ label: names.length > 0 ? 'Edit environments…' : 'Create environments file…', detail: ENVIRONMENTS_FILE, pick: 'edit' as const }] : []),
    ];
    const chosen = await vscode.window.showQuickPick(items, { title: 'Qualys request environment', placeHolder: 'Variables for {{name}} in request files' });
    if (!chosen) return;
    if (chosen.pick === 'edit' && uri) {
      try {
        await vscode.workspace.fs.stat(uri);
      } catch {
        const sample = { $shared: { scanTitle: 'Nightly scan' }, lab: { targetIp: '10.10.10.1' }, production: { targetIp: '10.20.0.0/24', apiKey: { secret: 'production-api-key' } } };
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`${JSON.stringify(sample, null, 2)}\n`));
      }
      await vscode.window.showTextDocument(uri);
      return;
    }
    this.active = chosen.pick;
    await this.context.workspaceState.update(ACTIVE_KEY, this.active);
    this.render();
    this.resend();
  }

  async setSecret(): Promise<void> {
    const names = new Set<string>();
    for (const set of [this.file.shared, ...this.file.environments.values()]) for (const value of set.values()) if ('secret' in value) names.add(value.secret);
    if (names.size === 0) {
      void vscode.window.showInformationMessage(`No variable of ${ENVIRONMENTS_FILE} names a secret: write { "secret": "name" } as its value first.`);
      return;
    }
    const name = await vscode.window.showQuickPick([...names], { title: 'Set an environment secret' });
    if (!name) return;
    const value = await vscode.window.showInputBox({ title: `Secret '${name}'`, password: true, ignoreFocusOut: true, prompt: "Kept in VS Code's secret storage, never in a file." });
    if (value === undefined) return;
    await this.context.secrets.store(this.secretKey(name), value);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
