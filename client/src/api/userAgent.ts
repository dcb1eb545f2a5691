/** The User-Agent every call carries: the extension's name and version (from package.json). */
import { displayName, version } from '../../../package.json';

export function defaultUserAgent(): string {
  return `${displayName.replace(/\s+/g, '')}/${version} (VS Code extension; Node ${process.versions.node})`;
}

/** X-Requested-With value; Qualys requires the header on every FO call and accepts any value. */
export const REQUESTED_WITH = 'Qualys Workbench for VS Code';
