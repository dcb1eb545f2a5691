/**
 * The variables of the user's environments (`.vscode/qualys-environments.json`, read by the client and
 * sent with `qualys/environmentVariables`): offered by completion after `{{`, and explained by hover
 * on a `{{name}}`: which environments define it, which value is sent. The client sends no secret's
 * value, so none can be shown; a secret is named by its SecretStorage key.
 */
import type { Hover } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EnvironmentDefinition, EnvironmentVariable, EnvironmentVariablesParams } from '../../../protocol';
import { quote } from '../util/limits';
import { parseVariables } from './requestParser';

const SHARED = '$shared';
const FILE = '.vscode/qualys-environments.json';
const NAME = /^[A-Za-z_][\w.-]*$/;

export class EnvironmentVariables {
  private active: string | undefined;
  private readonly variables = new Map<string, EnvironmentVariable>();

  update(params: EnvironmentVariablesParams): void {
    this.active = typeof params.active === 'string' ? params.active : undefined;
    this.variables.clear();
    for (const variable of Array.isArray(params.variables) ? params.variables : []) {
      if (typeof variable?.name === 'string' && NAME.test(variable.name) && Array.isArray(variable.definitions)) this.variables.set(variable.name, variable);
    }
  }

  /** Each variable's completion detail: what it stands for in the active environment. */
  completionDetails(): Map<string, string> {
    return new Map([...this.variables.values()].map((v) => [v.name, this.summary(v)]));
  }

  /** The definition whose value is sent: the active environment's own, else `$shared`. */
  private used(variable: EnvironmentVariable): EnvironmentDefinition | undefined {
    return variable.definitions.find((d) => this.active !== undefined && d.environment === this.active) ?? variable.definitions.find((d) => d.environment === SHARED);
  }

  private summary(variable: EnvironmentVariable): string {
    const used = this.used(variable);
    if (used) return `${used.environment}: ${shown(used, false)}`;
    const where = variable.definitions.map((d) => d.environment).join(', ');
    return this.active ? `in ${where}; not in ${this.active}` : `in ${where}; no environment chosen`;
  }

  /** Hover on `{{name}}` of an environment variable. */
  hover(document: TextDocument, offset: number): Hover | null {
    const text = document.getText();
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    let lineEnd = text.indexOf('\n', offset);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    for (const m of line.matchAll(/\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g)) {
      const start = lineStart + m.index;
      const end = start + m[0].length;
      if (offset < start || offset > end) continue;
      const variable = this.variables.get(m[1]!);
      if (!variable) return null;
      const lines = [`**{{${variable.name}}}**: an environment variable (\`${FILE}\`)`, ''];
      const used = this.used(variable);
      for (const d of variable.definitions) {
        const where = d.environment === SHARED ? `**${SHARED}** (every environment that does not set its own)` : `**${md(d.environment)}**${d.environment === this.active ? ' (active)' : ''}`;
        lines.push(`- ${where}: ${shown(d, true)}${d === used ? ' ← sent' : ''}`);
      }
      lines.push('');
      if (parseVariables(text).has(variable.name)) lines.push(`This file's \`@${variable.name}\` comes first: the environments' values are not used here.`);
      else if (!used) lines.push(this.active ? `Not set for the active environment, **${md(this.active)}**: choose another in the status bar.` : 'No environment is chosen: choose one in the status bar.');
      else if ('secret' in used && used.secret !== undefined) lines.push('A secret is read from VS Code\'s secret storage when the request is sent; its value is never shown.');
      return { contents: { kind: 'markdown', value: lines.join('\n') }, range: { start: document.positionAt(start), end: document.positionAt(end) } };
    }
    return null;
  }
}

/** A definition as shown: a plain value (60 characters at most), a secret by its name only. */
function shown(definition: EnvironmentDefinition, markdown: boolean): string {
  if (definition.secret !== undefined) return `secret '${markdown ? md(quote(definition.secret)) : quote(definition.secret)}'`;
  const value = quote(definition.value ?? '');
  return markdown ? `\`${value.replace(/`/g, "'")}\`` : value;
}

function md(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}
