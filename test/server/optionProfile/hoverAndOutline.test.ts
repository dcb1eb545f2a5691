import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { CancellationToken, type DocumentSymbol } from 'vscode-languageserver';
import { SYMBOL_LIMIT } from '../../../server/src/optionProfile/outline';
import { createService, documentOf, testHover } from './serviceHelpers';

const perf = '<OPTION_PROFILES><OPTION_PROFILE><BASIC_INFO/><SCAN><PERFORMANCE><OVER|ALL_PERFORMANCE>High</OVERALL_PERFORMANCE>';

test('hover on an element name shows its docs, API parameter, allowed values and source', () => {
  testHover(perf, [
    '**OVERALL_PERFORMANCE**',
    'How hard the scan pushes the targets.',
    'API parameter: `performance`',
    'Allowed values: `Low`, `Normal`, `High`',
    'In PERFORMANCE: required, once',
    'Source: option_profile_info.dtd',
  ]);
  // The end tag's name too.
  testHover(perf.replace('|', '') + '</SCAN', null);
  testHover('<OPTION_PROFILES><OPTION_PROFILE><BASIC_INFO/><SCAN><PERFORMANCE><OVERALL_PERFORMANCE>High</OVERALL_PERF|ORMANCE>', ['**OVERALL_PERFORMANCE**']);
  testHover('<OPTION_PROFILES><OPTION_PROFILE><BASIC_INFO><IS_GLO|BAL>1</IS_GLOBAL>', ['Allowed values: `0`, `1`', 'optional']);
  testHover('<OPTION_PROFILES><OPTION_PROFILE><SCAN><SYSTEM_AUTH_RECORD><ALLOW_AUTH_CREA|TION>', ['alternative to INCLUDE_SYSTEM_AUTH']);
});

test('no hover on text, on unknown elements, or outside names', () => {
  testHover('<OPTION_PROFILES><OPTION_PROFILE><BASIC_INFO><ID>1|2</ID>', null);
  testHover('<OPTION_PROFILES><BOG|US/>', null);
});

const outlineText = `<OPTION_PROFILES>
  <OPTION_PROFILE>
    <BASIC_INFO>
      <ID>1</ID>
      <GROUP_NAME>
        <![CDATA[Profile One]]>
      </GROUP_NAME>
    </BASIC_INFO>
    <SCAN/>
  </OPTION_PROFILE>
  <!-- a
       comment -->
  <OPTION_PROFILE>
    <BASIC_INFO><ID>2</ID><GROUP_NAME>Two</GROUP_NAME></BASIC_INFO>
  </OPTION_PROFILE>
</OPTION_PROFILES>`;

test('outline: each OPTION_PROFILE is named by its GROUP_NAME, CDATA stripped', () => {
  const { document } = documentOf(outlineText);
  const symbols = createService().documentSymbols(document, CancellationToken.None);
  assert.equal(symbols.length, 1);
  const profiles = symbols[0]!.children!;
  assert.deepEqual(
    profiles.map((p) => [p.name, p.detail]),
    [
      ['Profile One', 'OPTION_PROFILE'],
      ['Two', 'OPTION_PROFILE'],
    ],
  );
  const basic = profiles[0]!.children![0]!;
  assert.equal(basic.name, 'BASIC_INFO');
  assert.deepEqual(
    basic.children!.map((c) => [c.name, c.detail]),
    [
      ['ID', '1'],
      ['GROUP_NAME', 'Profile One'],
    ],
  );
  assert.equal(profiles[0]!.selectionRange.start.line, 1);
});

test('folding: multi-line elements (end tag kept visible), comments and CDATA', () => {
  const { document } = documentOf(outlineText);
  const ranges = createService().foldingRanges(document, CancellationToken.None);
  assert.deepEqual(
    ranges.map((r) => [r.startLine, r.endLine, r.kind ?? '']),
    [
      [0, 14, ''],
      [1, 8, ''],
      [2, 6, ''],
      [4, 5, ''],
      [10, 11, 'comment'],
      [12, 13, ''],
    ],
  );
});

test('a huge document keeps every profile in the outline, dropping the deepest levels first', () => {
  const profile = '<OPTION_PROFILE><BASIC_INFO><ID>1</ID><GROUP_NAME>p</GROUP_NAME></BASIC_INFO><SCAN><CONTROL_TYPES><FIM_CONTROLS_ENABLED>0</FIM_CONTROLS_ENABLED></CONTROL_TYPES></SCAN><ADDITIONAL/></OPTION_PROFILE>';
  const { document } = documentOf(`<OPTION_PROFILES>${profile.repeat(3000)}</OPTION_PROFILES>`);
  const symbols = createService().documentSymbols(document, CancellationToken.None);
  const count = (list: readonly { children?: unknown[] }[]): number => list.reduce((n, s) => n + 1 + count((s.children ?? []) as { children?: unknown[] }[]), 0);
  assert.equal(symbols[0]!.children!.length, 3000);
  assert.ok(count(symbols) <= SYMBOL_LIMIT, `${count(symbols)} symbols`);
  assert.ok(count(symbols) > 3000);
});

test('outline labels and details quote at most 60 characters of the document', () => {
  const huge = 'Q'.repeat(10_000_000);
  const longName = `X${'Y'.repeat(5_000)}`;
  const { document } = documentOf(
    `<OPTION_PROFILES><OPTION_PROFILE><BASIC_INFO><GROUP_NAME><![CDATA[${huge}]]></GROUP_NAME><ID>${huge}</ID></BASIC_INFO><${longName}/></OPTION_PROFILE></OPTION_PROFILES>`,
  );
  const symbols = createService().documentSymbols(document, CancellationToken.None);
  const all: Array<{ name: string; detail?: string | undefined }> = [];
  const walk = (list: readonly DocumentSymbol[]): void => {
    for (const s of list) {
      all.push(s);
      walk(s.children ?? []);
    }
  };
  walk(symbols);
  const profile = symbols[0]!.children![0]!;
  assert.equal(profile.name, `${'Q'.repeat(59)}…`);
  assert.ok(all.some((s) => s.name === 'ID' && s.detail === `${'Q'.repeat(59)}…`));
  assert.ok(all.some((s) => s.name === `X${'Y'.repeat(58)}…`));
  for (const s of all) assert.ok(s.name.length <= 60 && (s.detail ?? '').length <= 60, `${s.name.slice(0, 80)}: ${(s.detail ?? '').slice(0, 80)}`);
  assert.ok(JSON.stringify(symbols).length < 10_000);
});

test('quick fix titles quote at most 60 characters of the document', () => {
  const longName = `X${'Y'.repeat(5_000)}`;
  const { document } = documentOf(`<OPTION_PROFILES><${longName}></OPTION_PROFILES>`);
  const service = createService();
  const diagnostics = service.diagnostics(document, CancellationToken.None);
  const actions = service.codeActions(document, diagnostics[0]!.range, { diagnostics }, CancellationToken.None);
  assert.ok(actions.length > 0);
  for (const action of actions) assert.ok(action.title.length < 100, action.title.slice(0, 120));
});
