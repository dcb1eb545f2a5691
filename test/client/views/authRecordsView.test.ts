/** The Authentication Records view: groups by type, record rows with coverage and flags, details. */
import { test, after } from 'node:test';
import { strict as assert } from 'node:assert';
import type { AuthRecord } from '../../../client/src/api';
import { AuthRoot } from '../../../client/src/views/authRecords/authRoot';
import { authDetailsMarkdown, countIds } from '../../../client/src/views/authRecords/authText';
import { AuthRecordNode } from '../../../client/src/views/nodes/authRecordNode';
import { AuthTypeNode } from '../../../client/src/views/nodes/authTypeNode';
import { childrenOf, clientOf, errorRow, kinds, live, startSim, SIM_PASSWORD } from '../support';

const simPromise = startSim({ authRecords: 300 });
after(async () => (await simPromise).close());

async function allRecords(group: AuthTypeNode): Promise<AuthRecordNode[]> {
  let nodes = await childrenOf(group);
  while (nodes[nodes.length - 1]?.row.kind === 'loadMore') {
    await group.pager.loadNext(live());
    nodes = await childrenOf(group);
  }
  return nodes.filter((n): n is AuthRecordNode => n instanceof AuthRecordNode);
}

test('auth records: one group per record type the account has, Windows, Unix, Oracle and Apache first, with counts', async () => {
  const sim = await simPromise;
  const groups = await new AuthRoot(clientOf(sim), 'acct-1').children(live());
  assert.ok(groups.every((g) => g instanceof AuthTypeNode));
  const labels = groups.map((g) => g.row.label);
  assert.deepEqual(labels.slice(0, 4), ['Windows', 'Unix', 'Oracle', 'Apache']);
  for (const g of groups) {
    assert.match(g.row.description ?? '', /^\d+ records?$/);
    assert.equal(g.row.collapsible, 'collapsed');
    assert.equal(g.row.id, `acct-1/auth/type/${(g as AuthTypeNode).type}`);
  }
});

test('auth records: record rows show title, user name, coverage and flags; counts match the group', async () => {
  const sim = await simPromise;
  const groups = (await new AuthRoot(clientOf(sim), 'acct-1').children(live())) as AuthTypeNode[];
  for (const group of groups.slice(0, 4)) {
    const records = await allRecords(group);
    assert.equal(`${records.length} record${records.length === 1 ? '' : 's'}`, group.row.description, group.type);
    for (const node of records) {
      const r = node.record;
      assert.equal(node.row.label, r.title ?? `Record ${r.id}`);
      if (r.username) assert.ok(node.row.description!.startsWith(r.username));
      if (r.isActive === false) assert.match(node.row.description!, /inactive/);
      if (r.isSystemCreated) assert.match(node.row.description!, /system-created/);
      assert.equal(node.row.copyId, r.id);
    }
  }
  const oracle = groups.find((g) => g.type === 'oracle')!;
  const oracleRecords = await allRecords(oracle);
  assert.ok(oracleRecords.some((n) => /\bCDB\b/.test(n.row.description!)), 'Oracle CDB flag shown');
  assert.ok(oracleRecords.some((n) => /non-CDB/.test(n.row.description!)));
  const apache = await allRecords(groups.find((g) => g.type === 'apache')!);
  assert.ok(apache.some((n) => /system-created/.test(n.row.description!)) || apache.some((n) => /inactive|active/.test(n.row.description!)));
});

test('auth records: tag coverage is shown with its selector, include and exclude', async () => {
  const sim = await simPromise;
  const groups = (await new AuthRoot(clientOf(sim), 'acct-1').children(live())) as AuthTypeNode[];
  let tagged: AuthRecordNode | undefined;
  for (const group of groups) {
    tagged = (await allRecords(group)).find((n) => n.record.tags?.include?.tags.length);
    if (tagged) break;
  }
  assert.ok(tagged, 'some record covers tags');
  assert.match(tagged.row.description!, /tags (any|all) of /);
  const doc = (await tagged.details()).markdown;
  assert.match(doc, /### Included tags \(selector: (any|all)\)/);
  if (tagged.record.tags?.exclude?.tags.length) assert.match(doc, /### Excluded tags/);
});

test('auth records: details are readable and never show a password, even one the parser let through', async () => {
  const sim = await simPromise;
  const groups = (await new AuthRoot(clientOf(sim), 'acct-1').children(live())) as AuthTypeNode[];
  for (const group of groups) {
    for (const node of await allRecords(group)) {
      const doc = await node.details();
      assert.match(doc.markdown, /Passwords are never shown/);
      // SKIP_PASSWORD / CLEARTEXT_PASSWORD are 0/1 flags that only say whether a password is used.
      assert.doesNotMatch(doc.markdown + node.row.tooltip, /(?<!SKIP\\_|CLEARTEXT\\_)PASS(WORD|PHRASE)\s*\|/);
      assert.ok(!doc.markdown.includes(SIM_PASSWORD));
    }
  }
  const record: AuthRecord = {
    type: 'unix', id: '9', title: 'T', username: 'root', ips: ['10.0.0.1-10.0.0.9'],
    settings: { PASSWORD: 'hunter2', ROOT_PASSWORD: 'x1', PRIVATE_KEY: 'k', SKIP_PASSWORD: '1', PORT_NUMBER: '22' },
  };
  const doc = authDetailsMarkdown(record);
  assert.ok(!doc.includes('hunter2') && !doc.includes('x1') && !doc.includes('| k |'), doc);
  assert.match(doc, /SKIP\\_PASSWORD \| 1/);
  assert.match(doc, /PORT\\_NUMBER \| 22/);
  assert.match(doc, /- 10\.0\.0\.1-10\.0\.0\.9/);
});

test('auth records: a failed type list is an error row with CODE and TEXT', async () => {
  const sim = await simPromise;
  sim.setFaults({ storm409: 'concurrency' });
  try {
    const nodes = await new AuthRoot(clientOf(sim), 'acct-1').children(live());
    assert.deepEqual(kinds(nodes), ['error']);
    assert.equal(errorRow(nodes)!.error.code, '1960');
  } finally {
    sim.setFaults({ storm409: 'off' });
  }
});

test('auth records: ID ranges are counted', () => {
  assert.equal(countIds(['1', '5-9', '20']), 7);
});
