/**
 * "Qualys: Look Up QID or CVE" (knowledge/lookUp.ts, shown by registerKnowledge.ts) against the
 * simulator's KnowledgeBase, read in the API worker as the extension reads it: a QID, a CVE among the
 * entries kept, a QID Qualys does not list, an account without KnowledgeBase access, and input that
 * is neither.
 */
import { after, before, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { knowledgeBaseInWorker, send, type QualysClient } from '../../../client/src/api';
import { KbStore } from '../../../client/src/knowledge/kbStore';
import { KnowledgeBase } from '../../../client/src/knowledge/knowledgeBase';
import { lookUp, lookUpProblem, notAQuery, parseLookUp, type LookUpOutcome, type LookUpQuery } from '../../../client/src/knowledge/lookUp';
import { clientOf, startSim, type RunningSimulator } from '../support';

let sim: RunningSimulator;
let client: QualysClient;
let dir: string;
/** A QID of the simulator's KnowledgeBase with CVEs, its title and CVEs as the raw answer has them. */
let known: { qid: string; title: string; cves: string[] };

before(async () => {
  sim = await startSim();
  client = clientOf(sim);
  dir = mkdtempSync(join(tmpdir(), 'lookup-'));
  const raw = await send(client, { method: 'GET', url: '/api/2.0/fo/knowledge_base/vuln/?action=list&details=All&id_min=1&id_max=100000' });
  assert.ok(raw.ok);
  for (const vuln of raw.value.body.split('<VULN>').slice(1)) {
    const cves = [...vuln.matchAll(/<CVE>\s*<ID><!\[CDATA\[(CVE-[^\]]+)\]\]><\/ID>/g)].map((m) => m[1]!);
    if (cves.length === 0) continue;
    known = { qid: /<QID>(\d+)<\/QID>/.exec(vuln)![1]!, title: /<TITLE><!\[CDATA\[([^\]]*)\]\]><\/TITLE>/.exec(vuln)![1]!, cves };
    break;
  }
  assert.ok(known, 'the simulator lists a QID with CVEs');
});

after(async () => {
  await client.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

function knowledgeBase(name: string): KnowledgeBase {
  return new KnowledgeBase(new KbStore(join(dir, name), { writeDelayMs: 1 }), (qids, options) => knowledgeBaseInWorker(client, qids, options), { gatherMs: 1 });
}

function query(text: string): LookUpQuery {
  const parsed = parseLookUp(text);
  assert.ok(parsed, `'${text}' is a query`);
  return parsed;
}

function details(outcome: LookUpOutcome): string {
  assert.equal(outcome.kind, 'details', JSON.stringify(outcome));
  return (outcome as Extract<LookUpOutcome, { kind: 'details' }>).markdown;
}

test('a QID opens its entry: title, severity, its CVEs, as the KnowledgeBase answer has them', async () => {
  const kb = knowledgeBase('qid');
  try {
    const outcome = await lookUp(kb, query(` 00${known.qid} `));
    const markdown = details(outcome);
    assert.equal((outcome as { name: string }).name, `qid-${known.qid}`);
    assert.ok(markdown.startsWith(`# QID ${known.qid}: `), markdown.slice(0, 80));
    // Markdown escapes (a backslash before punctuation) aside, the title as Qualys sent it.
    assert.ok(markdown.replace(/\\/g, '').includes(`# QID ${known.qid}: ${known.title}`), markdown.slice(0, 120));
    assert.match(markdown, /\*\*Severity:\*\* /);
    for (const cve of known.cves) assert.ok(markdown.replace(/\\/g, '').includes(`- ${cve}`), cve);
  } finally {
    await kb.dispose();
  }
});

test('a CVE finds the QIDs kept that list it, in any case; one the account never looked up says why it is not found', async () => {
  const kb = knowledgeBase('cve');
  try {
    const unseen = await lookUp(kb, query(known.cves[0]!));
    assert.equal(unseen.kind, 'info');
    assert.match((unseen as { message: string }).message, /None of the 0 KnowledgeBase entries kept for this account lists CVE-/);
    details(await lookUp(kb, query(known.qid)));
    const found = await lookUp(kb, query(known.cves[0]!.toLowerCase()));
    if (found.kind === 'choose') assert.ok(found.entries.some((e) => e.qid === known.qid));
    else assert.ok(details(found).startsWith(`# QID ${known.qid}`));
  } finally {
    await kb.dispose();
  }
});

test('a QID Qualys does not list is said so, with no error', async () => {
  const kb = knowledgeBase('unknown');
  try {
    const outcome = await lookUp(kb, query('999999999'));
    assert.deepEqual(outcome, { kind: 'info', message: 'The KnowledgeBase lists no QID 999999999.' });
  } finally {
    await kb.dispose();
  }
});

test('without KnowledgeBase access the look-up says so with the refusal; once access is granted, a look-up asks again', async () => {
  const kb = knowledgeBase('denied');
  try {
    sim.setFaults({ knowledgeBaseDenied: true });
    const refused = await lookUp(kb, query(known.qid));
    assert.equal(refused.kind, 'error');
    const error = refused as Extract<LookUpOutcome, { kind: 'error' }>;
    assert.match(error.message, /^This account cannot read the KnowledgeBase \(.*no permission to download vulnerability data.*\)/);
    assert.ok(error.refusal, 'the refusal, for the log (once)');
    assert.ok(kb.unavailable, 'remembered: hovers ask no more');
    sim.setFaults({ knowledgeBaseDenied: false });
    assert.ok(details(await lookUp(kb, query(known.qid))).startsWith(`# QID ${known.qid}`));
  } finally {
    sim.setFaults({ knowledgeBaseDenied: false });
    await kb.dispose();
  }
});

test('input that is neither a QID nor a CVE is refused before anything is asked, and quoted briefly', () => {
  for (const text of ['abc', '38170a', '-5', '1.5', '1234567890', 'CVE-24-1', 'CVE-2024-', 'CVE-2024-1234567890', 'QID 38170', `${'9'.repeat(5)} ${'9'.repeat(5)}`]) {
    assert.equal(parseLookUp(text), undefined, text);
    assert.match(lookUpProblem(text)!, /A QID is a number of up to 9 digits; a CVE looks like CVE-2024-3094\./, text);
  }
  assert.equal(lookUpProblem(''), undefined, 'an empty box is not an error yet');
  assert.deepEqual(parseLookUp('cve-2024-3094'), { kind: 'cve', cve: 'CVE-2024-3094' });
  assert.deepEqual(parseLookUp('CVE-2017-1000117'), { kind: 'cve', cve: 'CVE-2017-1000117' }, 'a seven-digit sequence number');
  assert.deepEqual(parseLookUp('000038170'), { kind: 'qid', qid: '38170' });
  const pasted = `GET /api/2.0/fo/knowledge_base/vuln/?action=list&ids=38170 ${'x'.repeat(200)}`;
  assert.equal(parseLookUp(pasted), undefined);
  const message = notAQuery(pasted);
  assert.ok(message.length < 160, message);
  assert.ok(message.startsWith("'GET /api/2.0/fo/knowledge_base/vuln/?act…' is neither a QID nor a CVE."), message);
});
