/**
 * The "Qualys" log (a LogOutputChannel, shown by "Qualys: Show Log"). It receives API errors, which
 * the client has already redacted, and short sentences; every line is passed through the client's
 * redaction once more with the secrets this session has seen, so a credential cannot reach it.
 */
import * as vscode from 'vscode';
import type { ApiError } from './api';
import { redactText } from './api/errors';

export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;
  private readonly secrets = new Set<string>();

  constructor(name = 'Qualys') {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  /** Registers a value that must never appear in the log (kept in memory only). */
  addSecret(secret: string | undefined): void {
    if (secret) this.secrets.add(secret);
  }

  info(message: string): void {
    this.channel.info(this.clean(message));
  }

  warn(message: string): void {
    this.channel.warn(this.clean(message));
  }

  /** Logs an API error with its Qualys CODE and TEXT. */
  apiError(context: string, error: ApiError): void {
    const parts = [`${context}: ${error.message}`];
    if (error.code) parts.push(`CODE ${error.code}`);
    if (error.text && error.text !== error.message) parts.push(`TEXT ${error.text}`);
    parts.push(`kind ${error.kind}`);
    if (error.status !== undefined) parts.push(`HTTP ${error.status}`);
    if (error.operation) parts.push(`operation ${error.operation}`);
    if (error.attempts !== undefined) parts.push(`attempts ${error.attempts}`);
    const line = this.clean(parts.join(' | '));
    if (error.kind === 'cancelled') this.channel.debug(line);
    else this.channel.error(line);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }

  private clean(message: string): string {
    return redactText(message, [...this.secrets]);
  }
}
