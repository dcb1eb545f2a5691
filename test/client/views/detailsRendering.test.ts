/**
 * The details documents as the Markdown preview renders them: markdown-it, the renderer of VS Code's
 * preview, with the options the preview uses (HTML on, bare URLs linked). Qualys text reads as
 * written (no escapes show, line breaks stay), and no text from Qualys becomes HTML, an image, a
 * link to a command or a script, whatever it holds.
 */
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import MarkdownIt from 'markdown-it';
import type { AuthRecord, Host } from '../../../client/src/api';
import { authDetailsMarkdown } from '../../../client/src/views/authRecords/authText';
import { hostDetailsMarkdown } from '../../../client/src/views/hosts/hostText';
import { controlDetailsMarkdown } from '../../../client/src/views/posture/postureText';
import type { ControlPosture } from '../../../client/src/views/posture/postureModel';

const preview = new MarkdownIt({ html: true, linkify: true, breaks: false });
// As VS Code's preview sets it: only text with a scheme (https://...) becomes a link.
preview.linkify.set({ fuzzyLink: false });

/** Text from an account that means harm, or that only looks like Markdown. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[Sign out](command:qualys.signOut)',
  '![x](https://example.com/x.png)',
  '<a href="command:workbench.action.terminal.new">open</a>',
  'javascript:alert(1)',
  'command:workbench.action.terminal.new',
  '# not a heading',
  '---',
  '===',
  '| a | b |',
  '&lt;b&gt;',
  '**not bold**',
  '``` fence',
  '<!-- comment -->',
];
const hostile = HOSTILE.join('\n');

/** The elements the documents may hold; anything else came from Qualys text. (A web address in
 *  Qualys text is a link, as in any Markdown the preview shows; VS Code asks before it opens one.) */
const ALLOWED_TAGS = new Set(['h1', 'h2', 'h3', 'p', 'br', 'strong', 'em', 'code', 'pre', 'ul', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a']);

function render(markdown: string): string {
  return preview.render(markdown);
}

/** What a reader sees: the text of the rendered HTML. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

function assertSafe(html: string): void {
  const tags = [...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map(([, tag]) => tag!.toLowerCase());
  const unexpected = [...new Set(tags.filter((tag) => !ALLOWED_TAGS.has(tag)))];
  assert.deepEqual(unexpected, [], `elements from Qualys text: ${unexpected.join(', ')}\n${html}`);
  // No element carries an attribute (no source, no handler), but a link to a web address.
  const withAttributes = [...html.matchAll(/<[a-zA-Z][^>]*>/g)].map(([tag]) => tag).filter((tag) => !/^<[a-z0-9]+\s*\/?>$/.test(tag) && !/^<a href="https:\/\/[^"]*">$/.test(tag));
  assert.deepEqual(withAttributes, [], `elements with attributes:\n${html}`);
  assert.ok(!/command:|javascript:/.test([...html.matchAll(/href="([^"]*)"/g)].map(([, href]) => href).join(' ')), 'a command or script link');
  assert.ok(!html.includes('<!--'), 'an HTML comment');
}

const host: Host = {
  id: '2000023',
  ip: '10.10.0.3',
  dns: 'win-000003.corp.example.com',
  os: 'Windows Server 2019 <Datacenter>',
  owner: 'joe_user',
  comments: `Owned by joe_user\nKeep C:\\Windows\\Temp clean\n${hostile}`,
  tags: [{ id: '1', name: 'Prod_* [DMZ]' }],
  metadata: [],
  cloudProviderTags: [],
  userDefined: [{ index: 1, label: 'Site', value: 'Frankfurt_1 | Rack <7>' }],
  assetGroupIds: [],
} as Host;

const record: AuthRecord = {
  type: 'windows',
  id: '204007',
  title: 'Windows_1 *svc*',
  username: 'joe_user',
  ips: ['10.10.0.1-10.10.0.9'],
  comments: hostile,
  settings: { WINDOWS_DOMAIN: 'CORP\\admins_<x>' },
};

const control: ControlPosture = {
  policyId: '597553',
  hostId: '2000023',
  hostLabel: 'win-000003.corp.example.com',
  controlId: '1006',
  statement: "Status of the 'Minimum Password Length' setting (local_policy)",
  status: 'Failed',
  rationale: hostile,
  remediation: 'To establish the recommended configuration via GP, set the following UI path:\n\n\tComputer Configuration\\Policies\\Windows Settings\\Security Settings\n# systemctl reload sshd',
  reference: 'CIS_1.2.8.3, <b>2</b>',
  evidence: {
    expression: `Value <B>X</B> of <B>${HOSTILE[2]}</B> <script>x</script>\n======Expected Value(s)======\ngreater than or equal to\n14\n------------ OR ------------\n${HOSTILE[0]}\n======Current Value(s) - Last updated: 02/24/2021 at 07:11:21 AM (GMT+0000)======\n<img src=x onerror=alert(1)>\n[a](command:x)`,
  },
};

test('a host, an auth record and a control render with their text as written: no escapes show', () => {
  const hostText = visibleText(render(hostDetailsMarkdown(host)));
  assert.match(hostText, /joe_user/);
  assert.match(hostText, /Keep C:\\Windows\\Temp clean/);
  assert.match(hostText, /Windows Server 2019 <Datacenter>/);
  assert.match(hostText, /Frankfurt_1 \| Rack <7>/);
  assert.match(hostText, /Prod_\* \[DMZ\]/);

  const authText = visibleText(render(authDetailsMarkdown(record)));
  assert.match(authText, /joe_user/);
  assert.match(authText, /Windows_1 \*svc\*/);
  assert.match(authText, /CORP\\admins_<x>/);

  const controlText = visibleText(render(controlDetailsMarkdown(control, 'CIS Benchmark for Windows Server 2019 v1.0')));
  // Multi-line text keeps its lines; indentation does not turn it into code where escapes would show.
  assert.match(controlText, /set the following UI path:\nComputer Configuration\\Policies\\Windows Settings\\Security Settings\n# systemctl reload sshd/);
  assert.match(controlText, /Status of the 'Minimum Password Length' setting \(local_policy\)/);
  for (const text of [hostText, authText, controlText]) {
    assert.ok(!/\\[_*|<>#[\]`&-]/.test(text.replace(/C:\\Windows\\Temp|\\Policies|\\Windows|\\Security|\\admins/g, '')), `an escape shows:\n${text}`);
  }
});

test('text from Qualys never becomes HTML, an image, a command link or a script in any details document', () => {
  for (const markdown of [hostDetailsMarkdown(host), authDetailsMarkdown(record), controlDetailsMarkdown(control)]) {
    const html = render(markdown);
    assertSafe(html);
    const text = visibleText(html);
    // Every hostile line is shown as the text it is.
    for (const line of HOSTILE.filter((l) => l.length > 3)) assert.ok(text.includes(line), `${line} is not shown as written:\n${text}`);
  }
});

test("Qualys' <B> in an evidence explanation is bold; nothing else of its markup is", () => {
  const html = render(controlDetailsMarkdown(control));
  assert.match(html, /Value <strong>X<\/strong> of <strong>\[Sign out\]\(command:qualys\.signOut\)<\/strong> &lt;script&gt;x&lt;\/script&gt;/);
  assert.match(html, /<li>greater than or equal to <code>14<\/code><\/li>/);
  assert.match(html, /<li><code>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/code><\/li>/);
  assert.match(html, /<li><code>&lt;img src=x onerror=alert\(1\)&gt;<\/code><\/li>/);
  assertSafe(html);
});
