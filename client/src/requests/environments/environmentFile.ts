/**
 * The environments file (`.vscode/qualys-environments.json`): named sets of variables for request
 * files, JetBrains/REST Client style, with `$shared` values every environment has unless it sets
 * its own. A value is a string (or number/boolean, written as text) or `{ "secret": "name" }`,
 * which names a secret kept in VS Code's SecretStorage: the file itself never holds a secret. A
 * plain value under a secret-like name (password, token, api key…) is refused, not used, and
 * reported; so are `baseUrl` and `gatewayUrl`, which always come from the signed-in account.
 */
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { isSecretName } from '../../api/errors';
import type { EnvironmentDefinition, EnvironmentVariablesParams } from '../../../../protocol';

export const ENVIRONMENTS_FILE = '.vscode/qualys-environments.json';
export const SHARED = '$shared';
/** Bounds: a larger file or more entries are not read. */
export const MAX_FILE_BYTES = 256 * 1024;
const MAX_ENVIRONMENTS = 100;
const MAX_VARIABLES = 500;

export type EnvironmentValue = { readonly value: string } | { readonly secret: string };

export interface EnvironmentsFile {
  /** Environment name → variable name → value; `$shared` is not listed as an environment. */
  readonly environments: ReadonlyMap<string, ReadonlyMap<string, EnvironmentValue>>;
  readonly shared: ReadonlyMap<string, EnvironmentValue>;
  /** What was refused or could not be read, one sentence each. */
  readonly problems: readonly string[];
}

const ACCOUNT_VARIABLES = new Set(['baseUrl', 'gatewayUrl']);
const NAME = /^[A-Za-z_][\w.-]*$/;

function readSet(where: string, raw: unknown, problems: string[]): Map<string, EnvironmentValue> {
  const out = new Map<string, EnvironmentValue>();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push(`${where} must be an object of variables.`);
    return out;
  }
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (out.size >= MAX_VARIABLES) {
      problems.push(`${where} has more than ${MAX_VARIABLES} variables; the rest are not read.`);
      break;
    }
    if (!NAME.test(name)) problems.push(`${where}: '${name}' is not a variable name.`);
    else if (ACCOUNT_VARIABLES.has(name)) problems.push(`${where}: ${name} comes from the signed-in account and cannot be set here.`);
    else if (typeof value === 'object' && value !== null && typeof (value as { secret?: unknown }).secret === 'string' && (value as { secret: string }).secret.trim()) {
      out.set(name, { secret: (value as { secret: string }).secret.trim() });
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      if (isSecretName(name) && String(value) !== '') problems.push(`${where}: ${name} looks like a secret; the file holds no secrets, so it is not used. Write { "secret": "${name}" } and set it with "Qualys: Set Environment Secret".`);
      else out.set(name, { value: String(value) });
    } else problems.push(`${where}: ${name} must be text or { "secret": "name" }.`);
  }
  return out;
}

export function readEnvironmentsFile(text: string): EnvironmentsFile {
  const problems: string[] = [];
  const environments = new Map<string, ReadonlyMap<string, EnvironmentValue>>();
  let shared: ReadonlyMap<string, EnvironmentValue> = new Map();
  if (text.length > MAX_FILE_BYTES) return { environments, shared, problems: [`${ENVIRONMENTS_FILE} is larger than ${MAX_FILE_BYTES / 1024} KB and was not read.`] };
  const errors: ParseError[] = [];
  const raw: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const first = errors[0]!;
    const line = text.slice(0, first.offset).split('\n').length;
    return { environments, shared, problems: [`${ENVIRONMENTS_FILE} line ${line}: ${printParseErrorCode(first.error)}.`] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { environments, shared, problems: [`${ENVIRONMENTS_FILE} must be an object of environments.`] };
  for (const [name, set] of Object.entries(raw as Record<string, unknown>)) {
    if (name === SHARED) shared = readSet(SHARED, set, problems);
    else if (environments.size >= MAX_ENVIRONMENTS) {
      problems.push(`More than ${MAX_ENVIRONMENTS} environments; the rest are not read.`);
      break;
    } else environments.set(name, readSet(`Environment '${name}'`, set, problems));
  }
  return { environments, shared, problems };
}

/** The value of `name` in environment `active` (its own, else `$shared`), or undefined. */
export function environmentValue(file: EnvironmentsFile, active: string | undefined, name: string): EnvironmentValue | undefined {
  const own = active ? file.environments.get(active)?.get(name) : undefined;
  return own ?? file.shared.get(name);
}

/** A plain value sent to the language server for hover is cut to this many characters. */
const MAX_SENT_VALUE = 200;

/**
 * What the language server is told of the file (`qualys/environmentVariables`): each variable's name
 * and where it is defined, the text of plain values, the SecretStorage name of secrets (never a
 * secret's value: the file holds none, and nothing here reads SecretStorage).
 */
export function environmentVariables(file: EnvironmentsFile, active: string | undefined): EnvironmentVariablesParams {
  const variables = new Map<string, EnvironmentDefinition[]>();
  const add = (environment: string, set: ReadonlyMap<string, EnvironmentValue>): void => {
    for (const [name, value] of set) {
      const definition: EnvironmentDefinition = 'secret' in value ? { environment, secret: value.secret } : { environment, value: value.value.slice(0, MAX_SENT_VALUE) };
      variables.set(name, [...(variables.get(name) ?? []), definition]);
    }
  };
  for (const [environment, set] of file.environments) add(environment, set);
  add(SHARED, file.shared);
  return { ...(active ? { active } : {}), variables: [...variables].map(([name, definitions]) => ({ name, definitions })) };
}
