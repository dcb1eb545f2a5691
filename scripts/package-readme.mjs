// Writes the README the .vsix carries, dist/README.package.md: README.md with each image it shows from
// this repository inlined as a data: URI. VS Code shows an installed extension's README in a webview
// that resolves a relative path against its own page and allows only https: and data: images, so
// image files shipped beside the README never show there (test/e2e/activation.test.ts checks the
// page). Once the project has a public repository, vsce can link the images there instead (its
// default rewriting; drop --no-rewrite-relative-links and this step). `npm run package` runs this.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TYPES = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp' };

const readme = readFileSync(join(root, 'README.md'), 'utf8');

// The images as a Markdown renderer finds them (not `![` inside code).
const sources = new Set();
const visit = (tokens) => {
  for (const token of tokens) {
    if (token.type === 'image') sources.add(token.attrGet('src'));
    if (token.children) visit(token.children);
  }
};
visit(new MarkdownIt().parse(readme, {}));

let packaged = readme;
for (const source of sources) {
  if (/^[a-z][\w+.-]*:/i.test(source)) continue; // already an address
  const type = TYPES[extname(source).toLowerCase()];
  if (!type) throw new Error(`README image ${source}: only ${Object.keys(TYPES).join(' ')} can be inlined (VS Code does not show SVG from a README)`);
  const uri = `data:${type};base64,${readFileSync(join(root, source)).toString('base64')}`;
  packaged = packaged.split(`](${source})`).join(`](${uri})`);
}

mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(join(root, 'dist', 'README.package.md'), packaged);
