/**
 * The parse worker thread (optionProfile/parseWorker.ts, run from the sources under tsx) and its
 * host: a large document's first parse joined with the worker's half gives the diagnostics of the
 * server's parse alone; a worker that cannot start, never answers or is no longer wanted costs the
 * wait at most, and is ended.
 */
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import { CancellationToken, CancellationTokenSource } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { runInSlices } from '../../../server/src/common/steps';
import { bundledContentModel } from '../../../server/src/optionProfile';
import { ParseWorkerHost } from '../../../server/src/optionProfile/parseWorkerHost';
import { OptionProfileService } from '../../../server/src/optionProfile/service';
import { checkSimpleValue } from '../../../server/src/schema/simpleValue';
import { exportOf } from './editedDocuments';

const errors: string[] = [];
const logger = { error: (m: string) => errors.push(m), info: () => undefined };
const hosts: ParseWorkerHost[] = [];
after(() => {
  for (const host of hosts) host.dispose();
});

function host(source?: () => { script: string; eval: boolean }): ParseWorkerHost {
  const made = new ParseWorkerHost(logger, source);
  hosts.push(made);
  return made;
}

let counter = 0;
const opened = (text: string): TextDocument => TextDocument.create(`file:///worker${++counter}.xml`, 'xml', 1, text);

function service(runner?: ParseWorkerHost): OptionProfileService {
  return new OptionProfileService({ logger, checkValue: checkSimpleValue, bundledModel: bundledContentModel, splitMinChars: 1, ...(runner ? { secondHalf: runner } : {}) });
}

/** Diagnostics as the server computes them: in slices, waiting for the worker between them. */
async function diagnostics(target: OptionProfileService, text: string): Promise<unknown> {
  return runInSlices(target.diagnosticSteps(opened(text)), new CancellationTokenSource().token);
}

const TEXT = exportOf(60, true).replace('</BASIC_INFO>', '</BASIC_INF>');
const alone = service().diagnostics(opened(TEXT), CancellationToken.None);

describe('the parse worker thread', () => {
  it("joins the worker's half: the diagnostics of the server's parse alone", async () => {
    const runner = host();
    runner.warm();
    // Under tsx the worker compiles its sources first: the server would parse alone meanwhile.
    await runner.ready();
    assert.deepEqual(await diagnostics(service(runner), TEXT), alone);
    assert.equal(runner.joinedCount, 1);
    assert.ok(runner.running, 'the worker stays for the next large document until it is idle for a while');
  });

  it('parses alone when the worker cannot start, and stops trying after a few failures', async () => {
    const runner = host(() => ({ script: '/nonexistent/parseWorker.js', eval: false }));
    for (let i = 0; i < 4; i++) assert.deepEqual(await diagnostics(service(runner), TEXT), alone);
    assert.equal(runner.joinedCount, 0);
    assert.ok(errors.some((m) => /parse worker/.test(m)));
    assert.equal(runner.start({ text: TEXT, at: 1, root: { name: 'OPTION_PROFILES', nameStart: 1, nameEnd: 2 } }), undefined);
  });

  it('stops waiting for a worker that never answers, and ends it', async () => {
    const runner = host(() => ({ script: "require('node:worker_threads').parentPort.on('message', () => undefined);", eval: true }));
    assert.deepEqual(await diagnostics(service(runner), TEXT), alone);
    assert.equal(runner.joinedCount, 0);
    assert.equal(runner.running, false, 'the job no longer wanted ended the worker');
  });
});
