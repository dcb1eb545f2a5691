import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { PageGrouper, QidGroups } from '../../../client/src/views/vulnerabilities/qidGroups';
import { checkDate, checkQidList, describeVulnFilter, isEmptyVulnFilter, vulnFilterKey, vulnFilterParams } from '../../../client/src/views/vulnerabilities/vulnFilter';

test('the filter becomes the detection list\'s own parameters; every status unless some are named', () => {
  assert.deepEqual(vulnFilterParams({}), { status: 'New,Active,Re-Opened,Fixed' });
  assert.deepEqual(vulnFilterParams({ severities: [5, 4], statuses: ['New', 'Re-Opened'], qids: '38170, 90000-91000', tags: ['PCI', 'Prod'], tagSelector: 'all', updatedSince: '2026-01-01' }), {
    status: 'New,Re-Opened',
    severities: '4,5',
    qids: '38170,90000-91000',
    use_tags: '1',
    tag_set_by: 'name',
    tag_include_selector: 'all',
    tag_set_include: 'PCI,Prod',
    detection_updated_since: '2026-01-01',
  });
  assert.equal(isEmptyVulnFilter({ severities: [] }), true);
  assert.equal(describeVulnFilter({ severities: [5, 4], tags: ['PCI'] }), 'severity 4,5 · tags PCI');
  assert.equal(vulnFilterKey({}), 'all');
  assert.notEqual(vulnFilterKey({ qids: '1' }), vulnFilterKey({ qids: '2' }));
});

test('QID lists and dates are checked as typed', () => {
  assert.equal(checkQidList('38170, 90000-91000'), undefined);
  assert.match(checkQidList('38170-1')!, /ascending/);
  assert.match(checkQidList('CVE-2024-1')!, /not a QID/);
  assert.equal(checkDate('2026-01-31', new Date('2026-02-01')), undefined);
  assert.match(checkDate('2026-02-30', new Date('2026-03-01'))!, /not a calendar date/);
  assert.match(checkDate('2027-01-01', new Date('2026-03-01'))!, /future/);
  assert.match(checkDate('31/01/2026')!, /YYYY-MM-DD/);
});

test('pages are grouped by QID, a host counted once per QID (one QID on two ports is one host); pages add up; order by severity then hosts', () => {
  const page1 = new PageGrouper();
  page1.add('1', '38170', 3, 'Confirmed', 'Active');
  page1.add('1', '38170', 3, 'Confirmed', 'Active');
  page1.add('2', '38170', 3, 'Confirmed', 'New');
  page1.add('2', '91001', 5, 'Confirmed', 'Fixed');
  page1.add('2', '6', 1, 'Info', 'Active');
  const page2 = new PageGrouper();
  page2.add('3', '91001', 5, 'Confirmed', 'Active');
  page2.add('3', '38170', 3, 'Confirmed', 'Active');
  page2.add('4', '38170', 3, 'Confirmed', 'Re-Opened');
  page2.add('4', '45038', 3, 'Potential', 'Active');
  const groups = new QidGroups();
  groups.addPage(page1.rows(), 2);
  groups.addPage(page2.rows(), 2);
  assert.equal(groups.hosts, 4);
  assert.equal(groups.pages, 2);
  assert.deepEqual(groups.sorted().map((g) => [g.qid, g.severity, g.hosts]), [
    ['91001', 5, 2],
    ['38170', 3, 4],
    ['45038', 3, 1],
    ['6', 1, 1],
  ]);
  assert.deepEqual(groups.sorted()[1]!.statuses, { Active: 2, New: 1, 'Re-Opened': 1 });
});
