import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DownloadFile, readState, statePath } from '../../../client/src/download/downloadFile';
import { csvField, csvHeader, defaultFileName, recordLine } from '../../../client/src/download/downloadRecords';

function withDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'download-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const request = { output: 'jsonl' as const, kind: 'detections', path: '/api/2.0/fo/asset/host/vm/detection/', params: { action: 'list' } };

test('pages are written as they end; the state says where the next starts; finishing removes it', () => {
  withDir((dir) => {
    const file = join(dir, 'out.jsonl');
    const d = DownloadFile.create(file, request);
    d.record('{"a":1}\n');
    d.record('{"a":2}\n');
    d.endPage('1001');
    assert.deepEqual(readState(file)?.next, '1001');
    assert.equal(readState(file)?.records, 2);
    assert.equal(readState(file)?.bytes, 16);
    d.record('{"a":3}\n');
    d.endPage(undefined);
    assert.equal(readState(file)?.next, undefined);
    d.finish();
    assert.equal(readFileSync(file, 'utf8'), '{"a":1}\n{"a":2}\n{"a":3}\n');
    assert.equal(existsSync(statePath(file)), false);
  });
});

test('a download stopped in the middle of a page resumes after its last complete page, nothing written twice', () => {
  withDir((dir) => {
    const file = join(dir, 'out.csv');
    const d = DownloadFile.create(file, { ...request, output: 'csv', columns: ['a'] }, csvHeader(['a']));
    d.record('1\r\n');
    d.endPage('2');
    for (let i = 0; i < 50_000; i++) d.record('partial\r\n');
    d.stop();
    assert.ok(readFileSync(file, 'utf8').includes('partial'), 'a page half written (the buffer was flushed)');
    const resumed = DownloadFile.resume(file)!;
    assert.equal(resumed.current.next, '2');
    assert.equal(readFileSync(file, 'utf8'), 'a\r\n1\r\n', 'cut back to the last complete page');
    resumed.record('2\r\n');
    resumed.restartPage();
    resumed.record('2\r\n');
    resumed.endPage(undefined);
    resumed.finish();
    assert.equal(readFileSync(file, 'utf8'), 'a\r\n1\r\n2\r\n', 'a page read again (a retry) is written once');
  });
});

test('no resumption without a readable state, or when the file is shorter than the state says', () => {
  withDir((dir) => {
    const file = join(dir, 'out.jsonl');
    assert.equal(DownloadFile.resume(file), undefined);
    const d = DownloadFile.create(file, request);
    d.record('{"a":1}\n');
    d.endPage('5');
    d.stop();
    writeFileSync(file, '');
    assert.equal(DownloadFile.resume(file), undefined);
    writeFileSync(statePath(file), 'not json');
    assert.equal(readState(file), undefined);
  });
});

test('CSV fields are quoted when they must be and never start a formula; lines in both formats', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"\nthere'), '"say ""hi""\nthere"');
  assert.equal(csvField('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
  assert.equal(csvField('-1'), "'-1");
  assert.equal(csvField(-1), '-1', 'numbers are numbers');
  assert.equal(csvField(true), '1');
  assert.equal(recordLine({ qid: '1', port: 443, results: 'a,b' }, 'csv', ['qid', 'port', 'missing', 'results']), '1,443,,"a,b"\r\n');
  assert.equal(recordLine({ qid: '1' }, 'jsonl', undefined), '{"qid":"1"}\n');
  assert.equal(defaultFileName('/api/2.0/fo/asset/host/vm/detection/', 'list', 'csv', new Date('2026-02-01T00:00:00Z')), 'vm-detection-list-2026-02-01.csv');
});
