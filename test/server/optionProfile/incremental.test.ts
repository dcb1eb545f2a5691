/**
 * Incremental validation in the option profile service: after random edits (applied the way the
 * language server applies didChange), the problems and the published diagnostics must equal a full
 * validation of the same text by a fresh service, including the cap on published diagnostics, and an
 * edit in one profile must reuse the other profiles' results.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CancellationToken, type Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { bundledContentModel, createOptionProfileService, validateOptionProfile } from '../../../server/src/optionProfile';
import { MAX_DIAGNOSTICS } from '../../../server/src/optionProfile/service';
import { validateDocument, type SubtreeProblems } from '../../../server/src/optionProfile/validator';
import { checkSimpleValue } from '../../../server/src/schema/simpleValue';
import type { XmlElement } from '../../../server/src/xml/xmlNodes';
import { parseXml } from '../../../server/src/xml/xmlParser';
import { reparseXml } from '../../../server/src/xml/xmlIncremental';
import { exportOf, random, randomEdit, type Edit } from './editedDocuments';

const logger = { error: (m: string) => assert.fail(`the service logged an error: ${m}`), info: () => undefined };

/** Applies an edit as TextDocuments does for an incremental didChange. */
function update(document: TextDocument, edit: Edit): void {
  TextDocument.update(document, [{ range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, text: edit.text }], document.version + 1);
}

/** What a fresh service publishes for this text: a full parse and validation. */
function fullDiagnostics(text: string): Diagnostic[] {
  return createOptionProfileService(logger).diagnostics(TextDocument.create('file:///full.xml', 'xml', 1, text), CancellationToken.None);
}

describe('incremental option profile validation', () => {
  for (const seed of [1, 2, 3]) {
    it(`equals a full validation after random edits (seed ${seed})`, () => {
      const next = random(seed);
      const service = createOptionProfileService(logger);
      const document = TextDocument.create('file:///edited.xml', 'xml', 1, exportOf(12, true));
      assert.deepEqual(service.problems(document), validateOptionProfile(document.getText()));
      for (let step = 0; step < 250; step++) {
        update(document, randomEdit(document.getText(), next));
        if (document.getText().length > 120_000 || document.getText().length < 200) {
          update(document, { start: 0, end: document.getText().length, text: exportOf(12, true) });
        }
        // As in the editor: some versions are only completed, hovered or outlined (parsed, not
        // validated) before the debounced validation runs.
        const r = next();
        if (r < 0.3) continue;
        if (r < 0.4) service.documentSymbols(document, CancellationToken.None);
        const text = document.getText();
        const context = `seed ${seed}, step ${step}`;
        assert.deepEqual(service.problems(document), validateOptionProfile(text), context);
        if (step % 10 === 0) assert.deepEqual(service.diagnostics(document, CancellationToken.None), fullDiagnostics(text), context);
      }
    });
  }

  it('equals a full validation when validations of earlier versions were stopped part way (cancelled)', () => {
    const next = random(7);
    const service = createOptionProfileService(logger);
    const document = TextDocument.create('file:///cancelled.xml', 'xml', 1, exportOf(12, true));
    service.diagnostics(document, CancellationToken.None);
    let stopped = 0;
    for (let step = 0; step < 200; step++) {
      update(document, randomEdit(document.getText(), next));
      if (document.getText().length > 120_000 || document.getText().length < 200) {
        update(document, { start: 0, end: document.getText().length, text: exportOf(12, true) });
      }
      const text = document.getText();
      const context = `step ${step}`;
      if (next() < 0.6) {
        // As the server does when a newer version arrives: the run is stopped at one of its steps.
        const steps = service.diagnosticSteps(document);
        const before = 1 + Math.floor(next() * 8);
        let done = false;
        for (let i = 0; i < before && !done; i++) done = steps.next().done === true;
        if (!done) {
          steps.return([]);
          stopped++;
        }
        continue;
      }
      assert.deepEqual(service.problems(document), validateOptionProfile(text), context);
      assert.deepEqual(service.diagnostics(document, CancellationToken.None), fullDiagnostics(text), context);
    }
    assert.ok(stopped > 40, `${stopped} runs stopped part way`);
  });

  it('keeps the cap on published diagnostics and the count of the rest', () => {
    // Every profile with mistakes: well over MAX_DIAGNOSTICS problems.
    let text = exportOf(400, true)
      .replace(/<OVERALL_PERFORMANCE>High</g, '<OVERALL_PERFORMANCE>Fastest<')
      .replace(/<STANDARD_SCAN>1</g, '<STANDARD_SCAN>yes<');
    const service = createOptionProfileService(logger);
    const document = TextDocument.create('file:///many.xml', 'xml', 1, text);
    const first = service.diagnostics(document, CancellationToken.None);
    assert.equal(first.length, MAX_DIAGNOSTICS + 1);
    const next = random(7);
    for (let step = 0; step < 12; step++) {
      // Edits in profiles before and after the cut, and one that fixes a mistake.
      const at = step === 0 ? text.indexOf('Fastest') : Math.floor(next() * text.length);
      const edit = step === 0 ? { start: at, end: at + 'Fastest'.length, text: 'High' } : randomEdit(text, next);
      update(document, edit);
      text = document.getText();
      const ours = service.diagnostics(document, CancellationToken.None);
      const theirs = fullDiagnostics(text);
      assert.deepEqual(ours, theirs, `step ${step}`);
      assert.ok(ours.length <= MAX_DIAGNOSTICS + 1);
      if (theirs.length > MAX_DIAGNOSTICS) assert.equal(ours.at(-1)!.code, 'too-many-problems');
    }
  });

  it('validates again only the profile an edit touched', () => {
    const text = exportOf(10, true);
    const model = bundledContentModel();
    const before = parseXml(text, { storeLeafText: false });
    const first = new Map<XmlElement, SubtreeProblems>();
    validateDocument(before, model, checkSimpleValue, { subtrees: first });
    const profiles = [...before.root!.children] as XmlElement[];
    const earlier = profiles.map((p) => first.get(p)!);
    assert.ok(earlier[1]!.problems.length > 0, 'the second profile has mistakes');

    // Fix the value in profile 5 (of 10); profiles after it move by the edit's length.
    const at = text.indexOf('Fastest', profiles[4]!.start);
    assert.ok(at < profiles[5]!.start);
    const edited = `${text.slice(0, at)}Normal${text.slice(at + 'Fastest'.length)}`;
    const after = reparseXml(before, edited, { storeLeafText: false });
    const second = new Map<XmlElement, SubtreeProblems>();
    const problems = validateDocument(after, model, checkSimpleValue, { reuse: first, subtrees: second });
    assert.deepEqual(problems, validateDocument(parseXml(edited, { storeLeafText: false }), model, checkSimpleValue));
    const now = after.root!.children as XmlElement[];
    for (let i = 0; i < 10; i++) {
      const entry = second.get(now[i]!)!;
      if (i < 4) assert.equal(entry, earlier[i], `profile ${i + 1}: the same result, not validated again`);
      else if (i === 4) assert.notEqual(entry, earlier[i], 'the edited profile is validated again');
      else {
        assert.equal(entry.problems.length, earlier[i]!.problems.length, `profile ${i + 1}: its problems, moved`);
        assert.equal(entry.start, earlier[i]!.start - 1);
        for (const [k, problem] of entry.problems.entries()) assert.equal(problem.start, earlier[i]!.problems[k]!.start - 1);
      }
    }
  });

  it("keeps no earlier version's text alive", () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = (): number => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    const service = createOptionProfileService(logger);
    const document = TextDocument.create('file:///kept.xml', 'xml', 1, exportOf(600, true));
    service.diagnostics(document, CancellationToken.None);
    const before = heap();
    const size = document.getText().length;
    const next = random(3);
    for (let i = 0; i < 30; i++) {
      // Edits across the file, each a new 2 MB string; every other one makes an ID invalid, with a
      // message that quotes the (long) value.
      const at = document.getText().indexOf('</ID>', Math.floor(next() * size));
      update(document, { start: at, end: at, text: i % 2 === 0 ? String(i % 10) : `-${i}-is-not-a-number` });
      service.diagnostics(document, CancellationToken.None);
    }
    const grown = heap() - before;
    assert.ok(grown < 5 * size, `the heap grew by ${Math.round(grown / 1e6)} MB over 30 versions of a ${Math.round(size / 1e6)} MB text`);
  });
});
