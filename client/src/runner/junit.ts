/**
 * A run as JUnit XML, the report CI servers read: one <testsuite> per file, one <testcase> per
 * request, <failure> with each failed assertion, <error> for a request that got no usable answer,
 * <skipped> for one not sent. The shape follows the JUnit schema Jenkins reads (the test validates
 * against it with xmllint). Only what the runner decided is written: no body, header or credential.
 */
import { plural } from '../../../common/plural';
import type { RunSummary, StepResult } from './runStep';

/** XML 1.0 text: escaped, and characters XML cannot carry dropped. */
export function xmlText(value: string): string {
  return value
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function failures(step: StepResult): string {
  const failed = step.assertions.filter((a) => a.outcome === 'failed');
  return failed.length > 0 ? failed.map((a) => `line ${a.assertion.line + 1}: ?? ${a.assertion.source}: ${a.message ?? 'failed'}`).join('\n') : (step.message ?? '');
}

function details(step: StepResult): string {
  const lines = step.assertions.map((a) => `line ${a.assertion.line + 1}: ?? ${a.assertion.source} -> ${a.outcome}${a.message && a.outcome !== 'passed' ? ` (${a.message})` : ''}`);
  if (step.answer) lines.unshift(`HTTP ${step.answer.status}, ${step.answer.durationMs} ms, ${plural(step.answer.size, 'byte')}${step.answer.code ? `, Qualys CODE ${step.answer.code}` : ''}`);
  return lines.join('\n');
}

function testcase(step: StepResult, suite: string): string {
  const name = `${step.request.name} (line ${step.request.line + 1})`;
  const open = `    <testcase name="${xmlText(name)}" classname="${xmlText(suite)}" time="${seconds(step.durationMs)}"`;
  const out = details(step);
  const systemOut = out ? `\n      <system-out>${xmlText(out)}</system-out>` : '';
  const message = xmlText(step.message ?? step.outcome);
  switch (step.outcome) {
    case 'passed':
      return out ? `${open}>${systemOut}\n    </testcase>` : `${open}/>`;
    case 'failed':
      return `${open}>\n      <failure message="${message}" type="AssertionFailed">${xmlText(failures(step))}</failure>${systemOut}\n    </testcase>`;
    case 'errored':
      return `${open}>\n      <error message="${message}" type="${xmlText(step.error?.kind ?? 'RequestError')}"/>${systemOut}\n    </testcase>`;
    case 'skipped':
      // Jenkins' schema gives <skipped> text, not attributes.
      return `${open}>\n      <skipped>${message}</skipped>\n    </testcase>`;
  }
}

export function junitReport(file: string, summary: RunSummary, startedAt: Date, hostname = 'qualys'): string {
  const time = summary.results.reduce((sum, r) => sum + r.durationMs, 0);
  const counts = `tests="${summary.results.length}" failures="${summary.failed}" errors="${summary.errored}"`;
  const timestamp = startedAt.toISOString().replace(/\.\d{3}Z$/, '');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="Qualys requests" ${counts} time="${seconds(time)}">`,
    `  <testsuite name="${xmlText(file)}" ${counts} skipped="${summary.skipped}" time="${seconds(time)}" timestamp="${timestamp}" hostname="${xmlText(hostname)}">`,
    ...summary.results.map((step) => testcase(step, file)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
