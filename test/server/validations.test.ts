/**
 * Diagnostics run in slices (server/src/validations.ts, common/steps.ts): a newer version really
 * cancels a running validation, and other work gets the event loop between slices.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentService } from '../../server/src/documentService';
import { runInSlices, runSteps, STOPPED, type Steps } from '../../server/src/common/steps';
import { createOptionProfileService } from '../../server/src/optionProfile';
import { RequestService } from '../../server/src/request/requestService';
import { Validations, type ValidationHost } from '../../server/src/validations';

const silent = { error: (m: string) => assert.fail(m), info: () => undefined };
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A service whose validation is `steps` steps of about 0.05 ms each, counting the steps run. */
function countingService(steps: number) {
  const runs: Array<{ version: number; steps: number; finished: boolean; stopped: boolean }> = [];
  const service: DocumentService = {
    id: 'counting',
    accepts: () => true,
    *diagnosticSteps(document): Steps<Diagnostic[]> {
      // `stopped` stays true unless the run gets to its end.
      const run = { version: document.version, steps: 0, finished: false, stopped: true };
      runs.push(run);
      for (let i = 0; i < steps; i++) {
        const until = performance.now() + 0.05;
        while (performance.now() < until);
        run.steps++;
        yield;
      }
      run.finished = true;
      run.stopped = false;
      return [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: `version ${document.version}` }];
    },
  };
  return { service, runs };
}

function hostFor(service: DocumentService, documents: Map<string, TextDocument>) {
  const published: Array<{ uri: string; version: number; diagnostics: Diagnostic[] }> = [];
  const host: ValidationHost = {
    serviceFor: () => service,
    latest: (uri) => documents.get(uri),
    publish: (uri, version, diagnostics) => published.push({ uri, version, diagnostics }),
    logger: silent,
  };
  return { host, published };
}

test('a newer version cancels the running validation: the older run stops part way and is never published', async () => {
  const { service, runs } = countingService(4000);
  const documents = new Map<string, TextDocument>();
  const { host, published } = hostFor(service, documents);
  const validations = new Validations(host, 200, 1);
  const v1 = TextDocument.create('file:///a.xml', 'xml', 1, 'one');
  const first = validations.validate(v1);
  // Version 1 has run its first slice; version 2 arrives while it is suspended.
  await tick();
  const v2 = TextDocument.create('file:///a.xml', 'xml', 2, 'two');
  const second = validations.validate(v2);
  await Promise.all([first, second]);
  assert.equal(runs.length, 2);
  assert.ok(runs[0]!.stopped && runs[0]!.steps > 0 && runs[0]!.steps < 4000, `version 1 ran ${runs[0]!.steps} of 4000 steps`);
  assert.ok(runs[1]!.finished);
  assert.deepEqual(
    published.map((p) => [p.version, p.diagnostics[0]?.message]),
    [[2, 'version 2']],
  );
});

test('closing the document stops its validation; nothing is published', async () => {
  const { service, runs } = countingService(4000);
  const { host, published } = hostFor(service, new Map());
  const validations = new Validations(host, 200, 1);
  const running = validations.validate(TextDocument.create('file:///b.xml', 'xml', 1, 'x'));
  await tick();
  validations.cancel('file:///b.xml');
  await running;
  assert.ok(runs[0]!.stopped && runs[0]!.steps < 4000);
  assert.deepEqual(published, []);
});

test('a burst of changes is validated once, at its last version', async () => {
  const { service, runs } = countingService(3);
  const documents = new Map<string, TextDocument>();
  const { host, published } = hostFor(service, documents);
  const validations = new Validations(host, 20, 1);
  for (let version = 1; version <= 5; version++) {
    const document = TextDocument.create('file:///c.xml', 'xml', version, `v${version}`);
    documents.set(document.uri, document);
    validations.schedule(document);
  }
  await new Promise((resolve) => setTimeout(resolve, 80));
  assert.deepEqual(runs.map((r) => r.version), [5]);
  assert.deepEqual(published.map((p) => p.version), [5]);
});

test('other work runs between the slices of a long validation (a 300-profile option profile file)', async () => {
  const sample = readFileSync(join(__dirname, 'optionProfile', 'samples', 'seed000-import.xml'), 'utf8');
  const profile = sample.slice(sample.indexOf('<OPTION_PROFILE>'), sample.indexOf('</OPTION_PROFILES>'));
  const text = `<OPTION_PROFILES>\n${profile.repeat(300)}</OPTION_PROFILES>\n`;
  const service = createOptionProfileService(silent);
  const document = TextDocument.create('file:///big.xml', 'xml', 1, text);
  const { host, published } = hostFor(service, new Map([[document.uri, document]]));
  const order: string[] = [];
  const validations = new Validations({ ...host, publish: (...args) => (order.push('published'), host.publish(...args)) }, 200, 1);
  const running = validations.validate(document);
  // A request arriving now (here: a hover on the same document) is answered before the validation ends.
  setImmediate(() => {
    const hover = service.hover(document, document.positionAt(text.indexOf('<GROUP_TYPE>') + 2), { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) });
    order.push(hover ? 'hover' : 'no hover');
  });
  await running;
  assert.deepEqual(order, ['hover', 'published']);
  // Sliced or not, the result is the same as one synchronous run.
  assert.deepEqual(published[0]!.diagnostics, createOptionProfileService(silent).diagnostics(TextDocument.create('file:///big2.xml', 'xml', 1, text)));
});

test('a request file validation stopped part way keeps the blocks it checked', async () => {
  const text = Array.from({ length: 400 }, (_, i) => `###\nGET {{baseUrl}}/api/2.0/fo/asset/host/?action=lst&ids=${i}\n`).join('');
  const service = new RequestService();
  const document = TextDocument.create('file:///r.qualys', 'qualys-request', 1, text);
  let polls = 0;
  const stopAfter = { get isCancellationRequested() { return ++polls > 100; }, onCancellationRequested: () => ({ dispose() {} }) };
  assert.equal(runSteps(service.diagnosticSteps(document), stopAfter), STOPPED);
  // The next run (a new version of the same text) checks only the remaining blocks: it needs fewer steps.
  let steps = 0;
  const next = service.diagnosticSteps(TextDocument.create('file:///r.qualys', 'qualys-request', 2, text));
  for (let step = next.next(); !step.done; step = next.next()) steps++;
  assert.ok(steps <= 400 - 99 + 2, `${steps} steps after 99 blocks were kept`);
  const result = await runInSlices(new RequestService().diagnosticSteps(document), { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) });
  assert.notEqual(result, STOPPED);
  assert.equal((result as Diagnostic[]).length, 400);
});

test('opening a document validates it at once: the change TextDocuments also reports for the open does not restart it', async () => {
  const { service, runs } = countingService(50);
  const document = TextDocument.create('file:///d.xml', 'xml', 1, 'x');
  const { host, published } = hostFor(service, new Map([[document.uri, document]]));
  const validations = new Validations(host, 20, 1);
  const running = validations.validate(document);
  validations.schedule(document);
  await running;
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.deepEqual(runs.map((r) => [r.version, r.finished]), [[1, true]]);
  assert.deepEqual(published.map((p) => p.version), [1]);
});
