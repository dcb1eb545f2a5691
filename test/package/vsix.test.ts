/**
 * `npm run package` builds a .vsix that ships only what the extension needs at run time (the
 * bundles, grammars, Qualys data files, README, CHANGELOG, LICENSE, icon), stays small, and
 * activates lazily. The package is built in a temporary copy of the working tree so the test never
 * touches the dist/ folder other tests are using.
 */
import { after, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { zipEntries, zipEntryData, type ZipEntry } from './zipEntries';

const root = join(__dirname, '..', '..');
// 2.5 MiB: the six bundles (about 0.9 MB compressed) and the README with its screenshots inline
// (about 1.2 MB; they are what the extension's page in VS Code shows).
const MAX_BYTES = 2.5 * 1024 * 1024;

const allowed: readonly RegExp[] = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/,
  /^extension\/changelog\.md$/,
  /^extension\/LICENSE\.txt$/,
  /^extension\/images\/icon\.png$/,
  // The activity bar icon of the Qualys view container.
  /^extension\/images\/qualys-activitybar\.svg$/,
  // The activation bundle, the lazily loaded ones (LAZY_BUNDLES in esbuild.mjs), the API and chain
  // workers, the server and the assertion worker of Run All (not dist/cli.js: the command line runner is not part of the extension).
  /^extension\/dist\/(extension|client|api|undici|profiles|send|worker|xpath|server)\.js$/,
  /^extension\/syntaxes\/[\w.-]+\.json$/,
  /^extension\/server\/data\/(catalog\/|qps\/|chain\/)?[\w.-]+\.(xsd|json)$/,
];

interface Manifest {
  readonly icon?: string;
  readonly activationEvents?: readonly string[];
  readonly contributes?: {
    readonly viewsContainers?: Record<string, ReadonlyArray<{ readonly icon?: string }>>;
    readonly grammars?: ReadonlyArray<{ readonly path: string }>;
    readonly languages?: ReadonlyArray<{ readonly configuration?: string }>;
  };
}

let built: { vsix: Buffer; entries: ZipEntry[]; dir: string } | undefined;
after(() => {
  if (built) rmSync(built.dir, { recursive: true, force: true });
});

/** The package, built once for this file's tests. */
function buildPackage(): { vsix: Buffer; entries: ZipEntry[]; dir: string } {
  built ??= build();
  return built;
}

/** Builds the package from a copy of the files git would commit (tracked and new, not ignored). */
function build(): { vsix: Buffer; entries: ZipEntry[]; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'qualys-vsix-'));
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file && existsSync(join(root, file)));
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(root, file), join(dir, file));
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: dir, stdio: 'pipe', timeout: 120_000 });
  const vsix = readFileSync(join(dir, 'dist', 'qualys-workbench.vsix'));
  return { vsix, entries: zipEntries(vsix), dir };
}

test('npm run package ships only the allow-list, within 2.5 MB, with lazy activation', () => {
  const { vsix, entries } = buildPackage();
  const names = entries.map((entry) => entry.name);
  const unexpected = names.filter((name) => !allowed.some((pattern) => pattern.test(name)));
  assert.deepEqual(unexpected, [], `files outside the allow-list: ${unexpected.join(', ')}`);
  assert.ok(vsix.length <= MAX_BYTES, `the .vsix is ${vsix.length} bytes, more than ${MAX_BYTES}`);

  for (const required of ['package.json', 'readme.md', 'changelog.md', 'LICENSE.txt', 'images/icon.png', 'dist/extension.js', 'dist/client.js', 'dist/api.js', 'dist/undici.js', 'dist/profiles.js', 'dist/send.js', 'dist/worker.js', 'dist/xpath.js', 'dist/server.js']) {
    assert.ok(names.includes(`extension/${required}`), `${required} is missing from the .vsix`);
  }

  // Everything the manifest points at and every Qualys data file the server reads is shipped.
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
  const referenced = [
    manifest.icon,
    ...(manifest.contributes?.grammars ?? []).map((grammar) => grammar.path),
    ...(manifest.contributes?.languages ?? []).map((language) => language.configuration),
    ...Object.values(manifest.contributes?.viewsContainers ?? {}).flat().map((container) => container.icon),
  ].filter((path): path is string => typeof path === 'string');
  const dataDir = join(root, 'server', 'data');
  const dataFiles = existsSync(dataDir) ? readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).filter((name) => statSync(join(dataDir, name)).isFile()).map((name) => `server/data/${name}`) : [];
  for (const path of [...referenced, ...dataFiles]) {
    const name = `extension/${path.replace(/^\.\//, '')}`;
    assert.ok(names.includes(name), `${path} is used at run time but not in the .vsix`);
  }

  // Lazy activation: only on the languages and views the extension serves, never at start-up.
  const events = manifest.activationEvents ?? [];
  assert.ok(events.length > 0, 'no activationEvents');
  for (const event of events) {
    assert.match(event, /^(onLanguage|onView|onCommand|workspaceContains):/, `activation event ${event} is not lazy`);
  }
});

/** The images a README shows, as a Markdown renderer finds them: `![alt](path)` and `<img src="path">`. */
function readmeImages(readme: string): string[] {
  const images: string[] = [];
  const visit = (tokens: readonly Token[]): void => {
    for (const token of tokens) {
      if (token.type === 'image') images.push(token.attrGet('src') ?? '');
      if (token.type === 'html_block' || token.type === 'html_inline') images.push(...[...token.content.matchAll(/<img\s[^>]*src="([^"]+)"/gi)].map(([, src]) => src!));
      if (token.children) visit(token.children);
    }
  };
  visit(new MarkdownIt({ html: true }).parse(readme, {}));
  return images;
}

test("the packaged README carries every image of README.md, so the extension's page in VS Code shows them", () => {
  const images = readmeImages(readFileSync(join(root, 'README.md'), 'utf8'));
  assert.ok(images.length >= 9, `the README shows ${images.length} images`);
  // A quantized screenshot is about 60 KB: one per feature section (19 today) stays within 1.25 MiB.
  const bytes = images.reduce((sum, image) => sum + statSync(join(root, image)).size, 0);
  assert.ok(bytes <= 1.25 * 1024 * 1024, `the README's images take ${bytes} bytes`);

  const { vsix, entries } = buildPackage();
  const readmeEntry = entries.find((entry) => entry.name === 'extension/readme.md');
  assert.ok(readmeEntry, 'no readme.md in the .vsix');
  const packaged = readmeImages(zipEntryData(vsix, readmeEntry).toString('utf8'));
  // The page allows https: and data: images only and resolves a relative path against itself: each
  // image is inline, byte for byte the file README.md names.
  assert.equal(packaged.length, images.length);
  images.forEach((image, i) => {
    const match = /^data:image\/png;base64,(.+)$/.exec(packaged[i]!);
    assert.ok(match, `image ${i + 1} (${image}) is not inline in the packaged README: ${packaged[i]!.slice(0, 80)}`);
    assert.ok(Buffer.from(match[1]!, 'base64').equals(readFileSync(join(root, image))), `${image} differs in the package`);
  });
});

test('the icon is a 128x128 PNG', () => {
  const png = readFileSync(join(root, 'images', 'icon.png'));
  assert.equal(png.toString('latin1', 1, 4), 'PNG');
  assert.equal(png.toString('ascii', 12, 16), 'IHDR');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
});
