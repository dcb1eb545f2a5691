/**
 * `qualys/environmentVariables` — sent by: the extension, whenever `.vscode/qualys-environments.json`
 * is read (start, each change) or another environment is chosen, and again to a restarted server.
 * The variable names the environments define, where each is defined and, for a plain value, its text,
 * so that completion offers them after `{{` and hover says where one comes from. A secret's value is
 * never sent: a secret is named by its SecretStorage key only.
 */
import { NotificationType } from 'vscode-languageserver-protocol';

/** One definition of a variable: in an environment, or in `$shared` (every environment unless it sets its own). */
export interface EnvironmentDefinition {
  /** The environment's name, or `$shared`. */
  readonly environment: string;
  /** A plain value's text (at most 200 characters); absent for a secret. */
  readonly value?: string;
  /** The name of the secret in SecretStorage (`{ "secret": "name" }`); its value is never sent. */
  readonly secret?: string;
}

export interface EnvironmentVariable {
  readonly name: string;
  readonly definitions: readonly EnvironmentDefinition[];
}

export interface EnvironmentVariablesParams {
  /** The environment chosen (status bar), if any. */
  readonly active?: string;
  readonly variables: readonly EnvironmentVariable[];
}

// eslint-disable-next-line @typescript-eslint/no-namespace
export namespace EnvironmentVariablesNotification {
  export const method = 'qualys/environmentVariables';
  export const type = new NotificationType<EnvironmentVariablesParams>(method);
}
