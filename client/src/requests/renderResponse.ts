/**
 * The text of the read-only response document: what was sent, the HTTP status, the Qualys CODE and
 * TEXT when the answer is a Qualys error, the rate-limit and concurrency headers, and the formatted
 * body. Only an allow-list of headers is shown (never Set-Cookie: a Qualys session cookie is a
 * credential), and the whole text passes through the API client's redaction at the end.
 */
import type { ApiError, Result, SendResponse } from '../api';
import { redactText } from '../api/errors';
import { headerValue } from '../headers';
import { bodyFormat, formatBody, type BodyFormat } from './formatBody';
import { plural } from '../../../common/plural';

export interface ResponseView {
  readonly name: string;
  /** "GET /api/2.0/fo/asset/host/" */
  readonly endpoint: string;
  readonly account: string;
  readonly sentAt: Date;
  readonly outcome: Result<SendResponse>;
  /** The body is a credential (a JWT from the gateway's /auth): say so instead of showing it. */
  readonly hideBody?: boolean;
}

export interface RenderedResponse {
  readonly text: string;
  /** The body's format: the document is named .xml, .jsonc or .txt after it, for highlighting. */
  readonly format: BodyFormat;
}

const SHOWN_HEADERS = /^(content-type|x-ratelimit-[\w-]+|x-concurrency-limit-[\w-]+)$/i;

/** One line each about the rate and concurrency limits, from the X-RateLimit-* and X-Concurrency-Limit-* headers. */
export function limitLines(headers: Readonly<Record<string, string>>): string[] {
  const lines: string[] = [];
  const limit = headerValue(headers, 'x-ratelimit-limit');
  const remaining = headerValue(headers, 'x-ratelimit-remaining');
  const window = headerValue(headers, 'x-ratelimit-window-sec');
  const wait = headerValue(headers, 'x-ratelimit-towait-sec');
  if (limit !== undefined || remaining !== undefined) {
    let line = `Rate limit: ${remaining ?? '?'} of ${limit === undefined ? '? calls' : plural(Number(limit), 'call')} left`;
    if (window !== undefined) line += ` in a ${window} s window`;
    if (wait !== undefined && wait !== '0') line += `; wait ${wait} s before the next call`;
    lines.push(line);
  }
  const concurrency = headerValue(headers, 'x-concurrency-limit-limit');
  const running = headerValue(headers, 'x-concurrency-limit-running');
  if (concurrency !== undefined || running !== undefined) lines.push(`Concurrency: ${running ?? '?'} running of ${concurrency ?? '?'} allowed`);
  return lines;
}

function errorLines(error: ApiError): string[] {
  const lines: string[] = [];
  if (error.code !== undefined || error.text !== undefined) {
    lines.push(`Qualys error: CODE ${error.code ?? '?'}${error.text ? ` TEXT ${error.text}` : ''}`);
  }
  if (error.waitSec !== undefined) lines.push(`Qualys asks to wait ${error.waitSec} s before the next call.`);
  return lines;
}

export function renderResponse(view: ResponseView, secrets: readonly string[]): RenderedResponse {
  const lines = [`### ${view.name}`, `# ${view.endpoint} | ${view.account} | ${view.sentAt.toISOString()}`];
  let format: BodyFormat = 'text';
  let body = '';
  if (!view.outcome.ok) {
    const error = view.outcome.error;
    lines.push(`No answer: ${error.message} (${error.kind}${error.status !== undefined ? `, HTTP ${error.status}` : ''})`, ...errorLines(error));
  } else {
    const response = view.outcome.value;
    lines.push(`HTTP ${response.status} | ${response.durationMs} ms${response.mutating ? ' | changes data (not retried)' : ''}`);
    const qualysError = response.qualysError;
    if (qualysError) lines.push(...errorLines(qualysError), ...(qualysError.code === undefined && qualysError.text === undefined ? [`Error: ${qualysError.message}`] : []));
    lines.push(...limitLines(response.headers));
    for (const [name, value] of Object.entries(response.headers).sort(([a], [b]) => a.localeCompare(b))) {
      if (SHOWN_HEADERS.test(name)) lines.push(`${name}: ${value}`);
    }
    if (view.hideBody && response.status < 300) body = `(${plural(response.body.length, 'character')}: a gateway token, which is a credential and is not shown; the API client gets its own tokens.)`;
    else {
      format = bodyFormat(response.body, headerValue(response.headers, 'content-type'));
      body = formatBody(response.body, format);
    }
  }
  // JSON answers open as JSON with Comments: the summary lines are comments there, so VS Code's JSON
  // validation does not mark them as errors.
  const head = format === 'json' ? lines.map((line) => `// ${line}`) : lines;
  const text = `${head.join('\n')}\n\n${body}${body.endsWith('\n') || !body ? '' : '\n'}`;
  return { text: redactText(text, secrets), format };
}
