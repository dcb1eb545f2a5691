/**
 * The curl options the converter reads, from curl's manual (curl.se/docs/manpage.html): the
 * long name, the short letter, whether it takes a value, and what the converter does with it.
 * An option missing here stops the conversion with a diagnostic on it: guessing whether an
 * unknown option takes a value would misread everything after it.
 */

export type OptionRole =
  | 'header'
  | 'data'
  | 'data-raw'
  | 'data-binary'
  | 'data-urlencode'
  | 'json'
  | 'method'
  | 'user'
  | 'url'
  | 'get'
  | 'head'
  | 'user-agent'
  | 'referer'
  | 'cookie'
  | 'bearer'
  | 'upload'
  | 'form'
  | 'config'
  /** Read and left out: output, TLS, retries, verbosity: what Send Request decides itself. */
  | 'ignored';

export interface CurlOption {
  readonly long: string;
  readonly short?: string;
  readonly value: boolean;
  readonly role: OptionRole;
}

const options: CurlOption[] = [
  { long: 'header', short: 'H', value: true, role: 'header' },
  { long: 'data', short: 'd', value: true, role: 'data' },
  { long: 'data-ascii', value: true, role: 'data' },
  { long: 'data-raw', value: true, role: 'data-raw' },
  { long: 'data-binary', value: true, role: 'data-binary' },
  { long: 'data-urlencode', value: true, role: 'data-urlencode' },
  { long: 'json', value: true, role: 'json' },
  { long: 'request', short: 'X', value: true, role: 'method' },
  { long: 'user', short: 'u', value: true, role: 'user' },
  { long: 'url', value: true, role: 'url' },
  { long: 'get', short: 'G', value: false, role: 'get' },
  { long: 'head', short: 'I', value: false, role: 'head' },
  { long: 'user-agent', short: 'A', value: true, role: 'user-agent' },
  { long: 'referer', short: 'e', value: true, role: 'referer' },
  { long: 'cookie', short: 'b', value: true, role: 'cookie' },
  { long: 'oauth2-bearer', value: true, role: 'bearer' },
  { long: 'upload-file', short: 'T', value: true, role: 'upload' },
  { long: 'form', short: 'F', value: true, role: 'form' },
  { long: 'form-string', value: true, role: 'form' },
  { long: 'config', short: 'K', value: true, role: 'config' },
  // Options with a value that Send Request has its own answer to.
  ...['dump-header:D', 'output:o', 'cookie-jar:c', 'max-time:m', 'connect-timeout', 'retry', 'retry-delay', 'retry-max-time', 'write-out:w', 'proxy:x', 'proxy-user:U', 'cert:E', 'cacert', 'capath', 'key', 'key-type', 'cert-type', 'pass', 'range:r', 'time-cond:z', 'limit-rate', 'max-filesize', 'resolve', 'connect-to', 'interface', 'trace', 'trace-ascii', 'stderr', 'noproxy', 'dns-servers', 'proto', 'proto-redir', 'max-redirs', 'continue-at:C', 'ciphers', 'tls-max', 'expect100-timeout', 'keepalive-time', 'output-dir', 'create-file-mode', 'local-port', 'speed-limit:Y', 'speed-time:y', 'variable', 'etag-save', 'etag-compare', 'proxy-header', 'unix-socket', 'abstract-unix-socket', 'happy-eyeballs-timeout-ms', 'rate', 'parallel-max', 'retry-all-errors-delay'].map(
    (spec): CurlOption => {
      const [long, short] = spec.split(':');
      return { long: long!, ...(short ? { short } : {}), value: true, role: 'ignored' };
    },
  ),
  // Switches.
  ...['silent:s', 'show-error:S', 'insecure:k', 'verbose:v', 'include:i', 'location:L', 'compressed', 'fail:f', 'fail-with-body', 'progress-bar:#', 'no-buffer:N', 'globoff:g', 'http1.0:0', 'http1.1', 'http2', 'http2-prior-knowledge', 'http3', 'basic', 'digest', 'ntlm', 'anyauth', 'negotiate', 'netrc:n', 'netrc-optional', 'remote-name:O', 'remote-header-name:J', 'remote-name-all', 'disable:q', 'no-keepalive', 'keepalive', 'tlsv1:1', 'tlsv1.0', 'tlsv1.1', 'tlsv1.2', 'tlsv1.3', 'sslv2:2', 'sslv3:3', 'ipv4:4', 'ipv6:6', 'location-trusted', 'raw', 'tr-encoding', 'path-as-is', 'ssl', 'ssl-reqd', 'no-progress-meter', 'parallel:Z', 'post301', 'post302', 'post303', 'ignore-content-length', 'create-dirs', 'retry-connrefused', 'retry-all-errors', 'no-sessionid', 'no-alpn', 'no-npn', 'styled-output', 'xattr', 'remote-time:R', 'list-only:l', 'append:a', 'crlf', 'use-ascii:B', 'manual:M', 'junk-session-cookies:j', 'ssl-no-revoke', 'ssl-allow-beast', 'suppress-connect-headers', 'proxy-insecure', 'proxytunnel:p', 'skip-existing', 'clobber', 'fail-early', 'doh-insecure', 'false-start', 'tcp-nodelay', 'tcp-fastopen', 'compressed-ssh', 'sasl-ir'].map(
    (spec): CurlOption => {
      const [long, short] = spec.split(':');
      return { long: long!, ...(short ? { short } : {}), value: false, role: 'ignored' };
    },
  ),
];

const byLong = new Map(options.map((o) => [o.long, o]));
const byShort = new Map(options.filter((o) => o.short).map((o) => [o.short!, o]));

/** `--name` (or `--no-name` of a switch). */
export function longOption(name: string): CurlOption | undefined {
  const found = byLong.get(name);
  if (found) return found;
  if (name.startsWith('no-')) {
    const negated = byLong.get(name.slice(3));
    if (negated && !negated.value) return negated;
  }
  return undefined;
}

export function shortOption(letter: string): CurlOption | undefined {
  return byShort.get(letter);
}

/** `-H`, `--data`…: an option spelled as curl knows it (the word splitter uses it to undo lost spaces). */
export function isKnownOption(word: string): boolean {
  if (word.startsWith('--')) return longOption(word.slice(2)) !== undefined;
  return word.length === 2 && shortOption(word[1]!) !== undefined;
}
