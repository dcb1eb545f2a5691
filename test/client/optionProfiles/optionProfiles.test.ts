/** Option profile export (the picker's list, one profile's XML) and import answers, against the simulator. */
import { test, after } from 'node:test';
import { strict as assert } from 'node:assert';
import { importOptionProfiles } from '../../../client/src/api';
import { exportProfile, importOutcome, listProfiles, profileSummaries } from '../../../client/src/optionProfiles/profileList';
import { clientOf, startSim } from '../support';

const simPromise = startSim({ hosts: 10 });
after(async () => (await simPromise).close());

test('option profiles: the picker lists the account\'s profiles with id, title and type', async () => {
  const sim = await simPromise;
  const profiles = await listProfiles(clientOf(sim));
  assert.ok(profiles.ok, profiles.ok ? '' : profiles.error.message);
  assert.ok(profiles.value.length > 0);
  for (const p of profiles.value) {
    assert.match(p.id, /^\d+$/);
    assert.ok(p.title);
  }
});

test('option profiles: one exported profile opens as its OPTION_PROFILES XML; importing it answers the new id', async () => {
  const sim = await simPromise;
  const client = clientOf(sim);
  const profiles = await listProfiles(client);
  assert.ok(profiles.ok);
  const chosen = profiles.value[0]!;
  const xml = await exportProfile(client, chosen.id);
  assert.ok(xml.ok);
  assert.match(xml.value, /<OPTION_PROFILES>/);
  const inside = profileSummaries(xml.value);
  assert.ok(inside.ok);
  assert.deepEqual(inside.value.map((p) => p.id), [chosen.id]);
  const outcome = importOutcome(await importOptionProfiles(client, xml.value));
  assert.ok(outcome.ok, outcome.message);
  assert.match(outcome.message, /^Option profile imported: new profile ID \d+ \(.+\)\./);
});

test('option profiles: a refused import shows Qualys\' CODE and TEXT', async () => {
  const sim = await simPromise;
  const outcome = importOutcome(await importOptionProfiles(clientOf(sim), '<OPTION_PROFILES><OPTION_PROFILE><BASIC_INFO></BASIC_INFO></OPTION_PROFILE></OPTION_PROFILES>'));
  assert.equal(outcome.ok, false);
  assert.match(outcome.message, /^Qualys refused the import: CODE 1905: /);
});

test('option profiles: a malformed export is an error value, not an exception', () => {
  const parsed = profileSummaries('<OPTION_PROFILES><OPTION_PROFILE>');
  assert.equal(parsed.ok, false);
});
