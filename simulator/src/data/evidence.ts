// A control's evidence on a host, in the shape Qualys writes it. Two published Qualys samples give
// the shape: seed 000 ("Control References Added to Compliance Posture Info API Output", the CSV
// "Posture Evidence" column: Qualys' explanation with <B> markup, then "======Expected Value(s)======"
// and "======Current Value(s) - Last updated: MM/DD/YYYY at HH:MM:SS AM (GMT+0000)======" sections),
// and seed 004 (PCRS postureInfo "expectedValues": alternatives separated by "------------ OR
// ------------", each an operator line such as "greater than or equal to" followed by its values,
// or a value alone such as "Setting not found").
import type { Control, Posture } from './policies';

const OR = '\n------------ OR ------------\n';

/** The expected values of a control (PCRS `expectedValues` and the classic text's section). */
export function expectedValuesText(c: Control): string {
  return ['Setting not found', `greater than or equal to\n${c.expected}`].join(OR);
}

/** The setting a control's statement names ("Status of the 'Minimum Password Length' setting" -> Minimum Password Length). */
function settingName(c: Control): string {
  return /'([^']+)'/.exec(c.statement)?.[1] ?? c.statement.replace(/^Status of the /, '');
}

/** "2025-11-03T08:04:05Z" -> "11/03/2025 at 08:04:05 AM (GMT+0000)", as in seed 000. */
function lastUpdated(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(iso);
  if (!m) return iso;
  const hour = Number(m[4]);
  const h12 = String(hour % 12 === 0 ? 12 : hour % 12).padStart(2, '0');
  return `${m[2]}/${m[3]}/${m[1]} at ${h12}:${m[5]}:${m[6]} ${hour < 12 ? 'AM' : 'PM'} (GMT+0000)`;
}

/** The whole evidence text of one posture record (classic XML EVIDENCE and the CSV column). */
export function evidenceText(c: Control, post: Posture): string {
  const name = settingName(c);
  const source =
    c.family === 'windows'
      ? `the registry value <B>HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Windows\\${name.replace(/\W+/g, '')}</B>`
      : 'its configuration file';
  return [
    `The number <B>X</B>, read from ${source}, is the state of <B>${name}</B>; <B>0</B> means <B>Disabled</B>.`,
    '',
    '======Expected Value(s)======',
    '',
    expectedValuesText(c),
    '',
    `======Current Value(s) - Last updated: ${lastUpdated(post.lastEvaluatedDate)}======`,
    post.current,
  ].join('\n');
}
