/**
 * A large saved option profile document in a real VS Code: the client has the server read it from
 * disk instead of sending its text (client/src/diskOpen.ts), the server says so in its output
 * channel, its mistake is in the Problems panel, and a quick fix (a didChange on the document read
 * from disk) takes the problem away.
 */
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateProfiles } from '../../bench/optionProfile.bench';
import { placeOf } from './harness/positions';
import { useSession } from './harness/session';

const LARGE = 'option-profiles/large.xml';
// About 1.6 MB (the client reads files from 1 MB on from disk), one misspelt value in profile 150.
const profiles = generateProfiles(300);
const at = profiles.indexOf('<OVERALL_PERFORMANCE>', profiles.indexOf('<ID>1000150</ID>'));
const text = `${profiles.slice(0, at)}${profiles.slice(at).replace(/<OVERALL_PERFORMANCE>\w+</, '<OVERALL_PERFORMANCE>Hgh<')}`;

/** Every line of the server's output channel logs under `dir`. */
function serverLog(dir: string): string {
  let out = '';
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out += serverLog(path);
    else if (name.includes('Qualys Language Server')) out += readFileSync(path, 'utf8');
  }
  return out;
}

describe('a large option profile document', () => {
  const session = useSession('large-profile', { files: { [LARGE]: text } });

  test('is read from disk by the server, shows its mistake, and takes a quick fix', async (t) => {
    const { workbench, codeServer } = session;
    assert.ok(Buffer.byteLength(text) > 1024 * 1024);
    await workbench.openFile(LARGE);
    const problems = await workbench.waitForProblemCount(1);
    assert.match(problems[0]!, /'Hgh' is not an allowed value of OVERALL_PERFORMANCE/);
    await session.shot(t, { step: 'problem' });
    const log = serverLog(join(codeServer.userDataDir, 'logs'));
    assert.match(log, /large\.xml: opened from disk \([\d,]+ bytes\)/, log.slice(-2000));
    assert.doesNotMatch(log, /text asked from the editor/);
    const value = placeOf(codeServer.workspace, LARGE, '>Hgh<', 2);
    await workbench.goTo(value.line, value.column);
    await workbench.applyQuickFix(/High/);
    await workbench.waitForEditorLine('<OVERALL_PERFORMANCE>High</OVERALL_PERFORMANCE>');
    await workbench.waitForProblemCount(0);
    await session.shot(t, { step: 'fixed' });
    await workbench.runCommand('File: Revert File');
  });
});
