/**
 * `npx tsx bench/coldValidationProbe.ts REV [ROUNDS]`: the option profile service of git revision REV
 * and of the working tree, each bundled (esbuild) into a small program that validates the generated
 * 10 MB file three times (three uris) in one fresh process; the programs run alternately, ROUNDS
 * times (default 8). Prints the medians of each validation's main-thread CPU (schedstat) and process
 * CPU: the first is the cold one. In-process, without the server's IPC receive or its slices, so a
 * change to the parser or validator shows with less noise than in firstOpenProbe.ts (not part of
 * `npm run bench`; bundles go to .cache/coldValidation/).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { median } from './benchRow';
import { generateProfiles } from './optionProfile.bench';

const root = join(__dirname, '..');
const work = join(root, '.cache', 'coldValidation');
const rev = process.argv[2];
const rounds = Number(process.argv[3] ?? 8);
if (!rev) throw new Error('usage: coldValidationProbe.ts REV [ROUNDS]');

/** The program each bundle runs: fresh service, three validations, one line of numbers. */
const ENTRY = `
import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createOptionProfileService } from './server/src/optionProfile';
const threadNs = () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
const logger = { info: () => undefined, error: () => undefined };
const text = readFileSync(process.argv[2], 'utf8');
const service = createOptionProfileService(logger);
void service.model;
const out = [];
for (const uri of ['file:///a.xml', 'file:///b.xml', 'file:///c.xml']) {
  const document = TextDocument.create(uri, 'xml', 1, text);
  const c0 = process.cpuUsage();
  const t0 = threadNs();
  const count = service.diagnostics(document).length;
  const c = process.cpuUsage(c0);
  out.push([(threadNs() - t0) / 1e6, (c.user + c.system) / 1000, count]);
  service.forget(uri);
}
console.log(JSON.stringify(out));
`;

function bundle(name: string, revision: string | undefined): string {
  const dir = join(work, `src-${name}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (revision) execFileSync('sh', ['-c', `git archive ${revision} server common tsconfig.base.json | tar -x -C ${dir}`], { cwd: root });
  else for (const part of ['server', 'common', 'tsconfig.base.json']) cpSync(join(root, part), join(dir, part), { recursive: true });
  // The bundle finds the schema through dataPath (server/data below a parent folder).
  rmSync(join(dir, 'server', 'data'), { recursive: true, force: true });
  symlinkSync(join(root, 'server', 'data'), join(dir, 'server', 'data'));
  writeFileSync(join(dir, 'entry.ts'), ENTRY);
  const out = join(work, `${name}.js`);
  execFileSync(process.execPath, [require.resolve('esbuild/bin/esbuild'), join(dir, 'entry.ts'), '--bundle', '--platform=node', '--target=node20', '--format=cjs', '--log-level=error', `--outfile=${out}`]);
  return out;
}

function main(): void {
  mkdirSync(work, { recursive: true });
  const file = join(work, 'big.xml');
  writeFileSync(file, generateProfiles());
  const builds: Array<[string, string]> = [
    [rev!, bundle('before', rev)],
    ['working tree', bundle('after', undefined)],
  ];
  console.log(`load average at start ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
  const runs = new Map<string, number[][][]>(builds.map(([name]) => [name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, path] of r % 2 === 0 ? builds : [...builds].reverse()) {
      const run = spawnSync(process.execPath, [path, file], { encoding: 'utf8' });
      runs.get(name)!.push(JSON.parse(run.stdout) as number[][]);
    }
  }
  for (const [name, results] of runs) {
    const cell = (i: number): string => `${median(results.map((x) => x[i]![0]!)).toFixed(0)} main / ${median(results.map((x) => x[i]![1]!)).toFixed(0)} process`;
    console.log(`${name} (median of ${rounds}): first ${cell(0)}; second ${cell(1)}; third ${cell(2)} ms CPU; diagnostics ${results[0]!.map((x) => x[2]).join(' ')}`);
  }
  console.log(`load average at end ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
}

main();
