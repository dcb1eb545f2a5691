/**
 * Documents and edits for the incremental tests: option profile exports of many profiles built from
 * the seed's import sample (Qualys' own), and seeded random edits that type, delete and paste,
 * across profile boundaries too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SEED = readFileSync(join(__dirname, 'samples', 'seed000-import.xml'), 'utf8');
const PROFILE = SEED.slice(SEED.indexOf('    <OPTION_PROFILE>'), SEED.indexOf('</OPTION_PROFILE>') + '</OPTION_PROFILE>'.length);
const PROLOG = SEED.slice(0, SEED.indexOf('<OPTION_PROFILES>') + '<OPTION_PROFILES>'.length);

/** An export of `count` profiles; `mistakes` adds a few invalid values and misplaced elements to every third. */
export function exportOf(count: number, mistakes = false): string {
  const parts = [PROLOG, '\n'];
  for (let i = 0; i < count; i++) {
    let profile = PROFILE.replace('<ID>108430</ID>', `<ID>${108430 + i}</ID>`);
    if (mistakes && i % 3 === 1) {
      profile = profile
        .replace('<OVERALL_PERFORMANCE>High</OVERALL_PERFORMANCE>', '<OVERALL_PERFORMANCE>Fastest</OVERALL_PERFORMANCE>')
        .replace('<UNIT_ID>0</UNIT_ID>', '<UNIT_ID>zero</UNIT_ID><COLOUR>red</COLOUR>');
    }
    parts.push(profile, '\n');
  }
  parts.push('</OPTION_PROFILES>\n');
  return parts.join('');
}

/** A small deterministic generator (the same edits on every run). */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    return state / 0x80000000;
  };
}

/** What a user types or pastes, chosen to hit the parser's corners: tags, boundaries, references, CDATA, comments. */
const SNIPPETS = [
  '<', '>', '/', '"', '&', 'x', '1', ' ', '\n', '\\>', '</ ', '&amp;', '&nbsp;', '&#0;', '\u0001',
  '<OPTION_PROFILE>', '</OPTION_PROFILE>', '</OPTION_PROFILES>', '<BASIC_INFO>', '</BASIC_INFO>', '<ID>7</ID>',
  '<!--', '-->', '<!-- note -->', '<![CDATA[', ']]>', '<![CDATA[x]]>', '<?pi x?>', '<!X', '<!DOCTYPE x>', '<A b="1" b="2">',
];

export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** One random edit of `text`: mostly a keystroke or a small paste, sometimes a deletion that spans profiles. */
export function randomEdit(text: string, next: () => number): Edit {
  const start = Math.floor(next() * (text.length + 1));
  const pick = (): string => SNIPPETS[Math.floor(next() * SNIPPETS.length)]!;
  const r = next();
  if (r < 0.4) return { start, end: start, text: pick() };
  if (r < 0.65) return { start, end: Math.min(text.length, start + 1 + Math.floor(next() * 20)), text: '' };
  if (r < 0.75) return { start, end: Math.min(text.length, start + 1 + Math.floor(next() * 6000)), text: '' };
  if (r < 0.9) return { start, end: Math.min(text.length, start + 1 + Math.floor(next() * 10)), text: pick() };
  // Cut a stretch and paste it elsewhere (a moved profile, a duplicated section).
  const from = Math.floor(next() * text.length);
  return { start, end: start, text: text.slice(from, from + Math.floor(next() * 3000)) };
}

export function apply(text: string, edit: Edit): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}
