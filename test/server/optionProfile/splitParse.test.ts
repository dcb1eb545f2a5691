/**
 * A large document's first parse split between the server's thread and a second one
 * (optionProfile/splitParse.ts): the diagnostics, outline and folding must equal the server's parse
 * alone, whether the second half is joined or refused at the junction. The second half runs here
 * in-process (secondHalf.ts, its answer cloned as a worker's message is); parseWorker.test.ts runs
 * the real worker thread.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-languageserver';
import { CancellationToken } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { runInSlices, STOPPED } from '../../../server/src/common/steps';
import { bundledContentModel } from '../../../server/src/optionProfile';
import { chooseSplit, parseSecondHalf, type SecondHalfAnswer, type SecondHalfJob } from '../../../server/src/optionProfile/secondHalf';
import { OptionProfileService } from '../../../server/src/optionProfile/service';
import type { SecondHalfRunner, SecondHalfTicket } from '../../../server/src/optionProfile/splitParse';
import { checkSimpleValue } from '../../../server/src/schema/simpleValue';
import { MAX_PROBLEMS } from '../../../server/src/util/limits';
import { isDropped } from '../../../server/src/xml/xmlLazy';
import type { XmlElement } from '../../../server/src/xml/xmlNodes';
import { exportOf } from './editedDocuments';

const logger = { error: (m: string) => assert.fail(`the service logged an error: ${m}`), info: () => undefined };

/** A runner that answers in-process; `tamper` changes the answer, `late` holds it back until released. */
class InProcessRunner implements SecondHalfRunner {
  started = 0;
  joined = 0;
  cancelled = 0;
  release: (() => void) | undefined;

  constructor(private readonly how: { readonly tamper?: (answer: SecondHalfAnswer) => SecondHalfAnswer; readonly late?: boolean; readonly never?: boolean } = {}) {}

  start(job: Omit<SecondHalfJob, 'id'>): SecondHalfTicket {
    this.started++;
    const computed = this.how.never ? undefined : crossed(this.how.tamper ? this.how.tamper(parseSecondHalf({ id: 1, ...job }, bundledContentModel(), checkSimpleValue)) : parseSecondHalf({ id: 1, ...job }, bundledContentModel(), checkSimpleValue));
    let answer = this.how.late ? undefined : computed;
    const waiters: Array<() => void> = [];
    this.release = () => {
      answer = computed;
      for (const wake of waiters) wake();
    };
    return {
      get answer() {
        return answer;
      },
      wait: () => new Promise<void>((resolve) => waiters.push(resolve)),
      joined: () => this.joined++,
      cancel: () => this.cancelled++,
    };
  }
}

/** The answer as the server receives it from a worker: structured-cloned, the records transferred. */
function crossed(answer: SecondHalfAnswer): SecondHalfAnswer {
  return answer.ok ? structuredClone(answer, { transfer: [answer.records.buffer as ArrayBuffer] }) : structuredClone(answer);
}

let counter = 0;
const opened = (text: string): TextDocument => TextDocument.create(`file:///split${++counter}.xml`, 'xml', 1, text);

function service(secondHalf?: SecondHalfRunner): OptionProfileService {
  return new OptionProfileService({ logger, checkValue: checkSimpleValue, bundledModel: bundledContentModel, splitMinChars: 1, ...(secondHalf ? { secondHalf } : {}) });
}

/** Diagnostics, outline and folding of `text` in a fresh service. */
function features(target: OptionProfileService, text: string): unknown[] {
  const document = opened(text);
  const none = CancellationToken.None;
  return [target.diagnostics(document, none), target.documentSymbols(document, none), target.foldingRanges(document, none)];
}

/** Asserts the split service answers as the service alone; returns the runner. */
function same(text: string, runner = new InProcessRunner()): InProcessRunner {
  assert.deepEqual(features(service(runner), text), features(service(), text));
  assert.equal(runner.started, 1, 'the second half was started');
  return runner;
}

const PROFILES = exportOf(40, true);
const at = (text: string): number => chooseSplit(text, 0.5)!.at;

describe('the first parse split between two threads', () => {
  it('joins the second half of an export: the same diagnostics, outline and folding, the profiles let go', () => {
    const runner = same(PROFILES);
    assert.equal(runner.joined, 1);
    const target = service(new InProcessRunner());
    const document = opened(PROFILES);
    target.diagnostics(document, CancellationToken.None);
    const cached = (target as unknown as { cache: { get(d: TextDocument): { xml: { root: XmlElement } } } }).cache.get(document);
    const profiles = cached.xml.root.children.filter((c): c is XmlElement => c.kind === 'element');
    assert.equal(profiles.length, 40);
    assert.ok(profiles.every((p) => p.parent === cached.xml.root));
    assert.ok(profiles.filter((p) => p.start > at(PROFILES)).every(isDropped), 'the worker half was adopted as dropped subtrees');
  });

  it('joins with problems at and next to the split: the profile before, the one at it, a bare & after it', () => {
    const split = at(PROFILES);
    const before = PROFILES.lastIndexOf('</BASIC_INFO>', split);
    const after = PROFILES.indexOf('Synthetic', split);
    let text = PROFILES.slice(0, after) + '& ' + PROFILES.slice(after);
    text = text.slice(0, before) + '</BASIC_INF>' + text.slice(before + '</BASIC_INFO>'.length);
    const first = text.indexOf('<BASIC_INFO>', at(text));
    text = text.slice(0, first) + '<BASIC_INFO><NOPE/>' + text.slice(first + '<BASIC_INFO>'.length);
    assert.equal(same(text).joined, 1);
  });

  it('joins a CR LF file, a file with a BOM, an unclosed root and a comment after the root', () => {
    assert.equal(same(PROFILES.replace(/\n/g, '\r\n')).joined, 1);
    assert.equal(same(`\uFEFF${PROFILES}`).joined, 1);
    assert.equal(same(PROFILES.replace('</OPTION_PROFILES>', '')).joined, 1);
    assert.equal(same(`${PROFILES}<!-- exported -->\n<?pi x?>\n`).joined, 1);
  });

  it('refuses the second half where the split is inside a comment, a CDATA section or an unclosed profile', () => {
    const parts = PROFILES.split('<OPTION_PROFILE>');
    const middle = Math.floor(parts.length / 2);
    const wrap = (open: string, close: string): string =>
      [...parts.slice(0, middle - 3), `${open}${parts.slice(middle - 3, middle + 3).join('<OPTION_PROFILE>').replaceAll(close.trim(), '')}${close}`, ...parts.slice(middle + 3)].join('<OPTION_PROFILE>');
    const comment = wrap('<!-- ', ' -->');
    assert.ok(comment.lastIndexOf('<!--', at(comment)) > comment.lastIndexOf('-->', at(comment)), 'the split is inside the comment');
    assert.equal(same(comment).joined, 0);
    const cdata = wrap('<![CDATA[', ']]>');
    assert.ok(cdata.lastIndexOf('<![CDATA[', at(cdata)) > cdata.lastIndexOf(']]>', at(cdata)), 'the split is inside the CDATA section');
    assert.equal(same(cdata).joined, 0);
    const split = at(PROFILES);
    const close = PROFILES.lastIndexOf('</OPTION_PROFILE>', split);
    const unclosed = PROFILES.slice(0, close) + PROFILES.slice(close + '</OPTION_PROFILE>'.length);
    assert.equal(same(unclosed).joined, 0);
  });

  it('refuses a document with more problems than are kept, and one that declares entities', () => {
    const many = exportOf(40).replace(/<\/(\w+)>/g, (m) => `${m}&`);
    assert.ok(many.split('&').length > MAX_PROBLEMS);
    assert.equal(same(many).joined, 0);
    const declared = PROFILES.replace('<OPTION_PROFILES>', '<!DOCTYPE OPTION_PROFILES [<!ENTITY e "x">]>\n<OPTION_PROFILES>');
    assert.equal(same(declared.replace('<OPTION_PROFILES>', '<OPTION_PROFILES>')).joined, 0);
  });

  it('parses on alone when the answer is refused: failed, wrong root, elements after the root, or missing', () => {
    assert.equal(same(PROFILES, new InProcessRunner({ tamper: (a) => ({ id: a.id, ok: false, reason: 'test' }) })).joined, 0);
    assert.equal(same(PROFILES, new InProcessRunner({ tamper: (a) => (a.ok ? { ...a, root: { ...a.root, nameStart: a.root.nameStart + 1 } } : a) })).joined, 0);
    assert.equal(same(PROFILES, new InProcessRunner({ tamper: (a) => (a.ok ? { ...a, at: a.at + 1 } : a) })).joined, 0);
    assert.equal(same(`${PROFILES}<EXTRA/>`).joined, 0);
    // Steps run at once (tests, a hover during the first parse) never wait: a late answer is not taken.
    const late = same(PROFILES, new InProcessRunner({ late: true }));
    assert.equal(late.joined, 0);
    assert.equal(late.cancelled, 1);
  });

  it('waits for a late answer in slices, and a newer version cancels the wait and the job', async () => {
    const runner = new InProcessRunner({ late: true });
    const target = service(runner);
    const document = opened(PROFILES);
    const source = new CancellationTokenSource();
    const run = runInSlices(target.diagnosticSteps(document), source.token);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(runner.joined, 0);
    runner.release!();
    const diagnostics = await run;
    assert.equal(runner.joined, 1);
    assert.deepEqual(diagnostics, service().diagnostics(opened(PROFILES), CancellationToken.None));

    // A newer version cancels the run waiting for the worker, and its own parse stops the older one's job.
    const waiting = new InProcessRunner({ never: true });
    const target2 = service(waiting);
    const first = opened(PROFILES);
    const cancelled = new CancellationTokenSource();
    const stopped = runInSlices(target2.diagnosticSteps(first), cancelled.token);
    await new Promise((resolve) => setTimeout(resolve, 50));
    cancelled.cancel();
    assert.equal(await stopped, STOPPED);
    assert.equal(waiting.cancelled, 0, 'the first parse is kept for whoever needs that version');
    const edited = PROFILES.replace('Synthetic', 'Edited');
    const second = TextDocument.create(first.uri, 'xml', 2, edited);
    assert.deepEqual(target2.diagnostics(second, CancellationToken.None), service().diagnostics(opened(edited), CancellationToken.None));
    assert.equal(waiting.started, 2);
    assert.equal(waiting.cancelled, 2, "the first version's job was stopped by the second's parse, the second's by its run at once");
  });

  it('does not split a document with no child of the root, or below the size', () => {
    const runner = new InProcessRunner();
    const empty = `<OPTION_PROFILES>\n<!-- ${'x'.repeat(5000)} -->\n</OPTION_PROFILES>\n`;
    assert.deepEqual(features(service(runner), empty), features(service(), empty));
    assert.equal(runner.started, 0);
    const small = new InProcessRunner();
    const target = new OptionProfileService({ logger, checkValue: checkSimpleValue, bundledModel: bundledContentModel, secondHalf: small });
    target.diagnostics(opened(PROFILES), CancellationToken.None);
    assert.equal(small.started, 0);
  });
});
