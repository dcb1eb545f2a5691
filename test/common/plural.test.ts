/** Counts in words: one helper, and no label or message that counts by hand. */
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { noun, plural } from '../../common/plural';

const root = join(__dirname, '..', '..');

test('plural: one, many, irregular, zero', () => {
  assert.equal(plural(1, 'control'), '1 control');
  assert.equal(plural(3, 'control'), '3 controls');
  assert.equal(plural(0, 'record'), '0 records');
  assert.equal(plural(1, 'policy', 'policies'), '1 policy');
  assert.equal(plural(2, 'policy', 'policies'), '2 policies');
  assert.equal(plural(1, 'IP/range', 'IPs/ranges'), '1 IP/range');
  assert.equal(noun(1, 'error'), 'error');
  assert.equal(noun(2, 'error'), 'errors');
});

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

test('no label or message of the extension or the server counts by hand', () => {
  const found: string[] = [];
  for (const file of [...sources(join(root, 'client', 'src')), ...sources(join(root, 'server', 'src'))]) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        // `${n} thing${n === 1 ? '' : 's'}`, and a count of a list or a number put before a plural noun.
        const byHand = /=== 1 \? '' : 's'/.test(line) || /\$\{[^}]*(length|count|Count|size|total|remaining)\b[^}]*\} (more )?[a-zA-Z]+s\b/.test(line);
        if (byHand) found.push(`${file.slice(root.length + 1)}:${i + 1}: ${line.trim()}`);
      });
  }
  assert.deepEqual(found, [], 'use plural() from common/plural.ts');
});
