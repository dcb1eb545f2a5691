import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import type { Detection } from '../../../client/src/api/parse/detectionList';
import type { KbEntry } from '../../../client/src/api/parse/knowledgeBase';
import { detectionDescription, detectionDetailsMarkdown, detectionLabel, detectionTooltip, severityIcon } from '../../../client/src/views/detections/detectionText';

const d: Detection = { hostId: '101', qid: '38170', type: 'Confirmed', severity: 4, status: 'Re-Opened', port: '443', protocol: 'tcp', ssl: true, firstFound: '2025-06-01T10:00:00Z', lastFound: '2026-01-10T10:00:00Z', timesFound: 30, results: 'Certificate #0 ```x``` expired\tnot after 2025-01-01', timesReopened: 1, firstReopened: '2025-09-01T00:00:00Z', lastReopened: '2025-09-01T00:00:00Z' };
const kb: KbEntry = { qid: '38170', title: 'SSL Certificate - Expired', severity: 4, cves: [], vendorRefs: [], software: [], threats: [], exploits: 0, solution: 'Renew the certificate.' };

test('a detection row: the title when the KnowledgeBase gave it, else the QID; severity, status and port described; icon by severity and type', () => {
  assert.equal(detectionLabel(d, kb), 'SSL Certificate - Expired');
  assert.equal(detectionLabel(d, undefined), 'QID 38170');
  assert.equal(detectionDescription(d, true), 'QID 38170 · sev 4 · Re-Opened · 443/tcp (SSL)');
  assert.equal(detectionDescription({ ...d, type: 'Info', port: undefined }, false), 'sev 4 · IG · Re-Opened');
  assert.deepEqual(severityIcon(5, 'Confirmed'), { id: 'circle-large-filled', color: 'charts.red' });
  assert.deepEqual(severityIcon(2, 'Potential'), { id: 'circle-large-outline', color: 'charts.blue' });
  assert.equal(severityIcon(1, 'Info').id, 'info');
  assert.match(detectionTooltip(d, kb), /first found 2025-06-01 · last found 2026-01-10 · 443\/tcp \(SSL\)[\s\S]*Solution: Renew the certificate\./);
});

test('the details document holds the facts, the result as written (a fence longer than any inside) and the KnowledgeBase entry', () => {
  const doc = detectionDetailsMarkdown(d, { id: '101', ip: '10.0.0.1', dns: 'web.example.com', os: 'Ubuntu' }, kb);
  assert.match(doc, /^# SSL Certificate - Expired\n\nHost \*\*web\.example\.com\*\* \(ID 101, 10\.0\.0\.1, Ubuntu\)/);
  assert.match(doc, /- \*\*Re-opened:\*\* 1 time\(s\)/);
  assert.match(doc, /## Result\n\n````\nCertificate #0 ```x``` expired {4}not after 2025-01-01\n````/);
  assert.match(doc, /## KnowledgeBase: QID 38170: SSL Certificate - Expired/);
  assert.match(detectionDetailsMarkdown({ ...d, results: undefined }, undefined, undefined, 'This account cannot read the KnowledgeBase.'), /no result text[\s\S]*cannot read the KnowledgeBase/);
});
