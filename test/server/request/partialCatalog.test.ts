// What the catalog does not know is said quietly: a path it has no entry for is never an error,
// a near miss of a known path, action or parameter is a warning with did-you-mean, and a partial
// entry reports unknown names only when they are near misses. An inline catalog keeps these tests
// independent of the families the bundled catalog grows.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { buildCatalog } from '../../../server/src/request/catalogLoader';
import { RequestService } from '../../../server/src/request/requestService';
import { diagnosticsOf, makeDocument, token, withCursor } from './helpers';

const param = (type: string, extra: Record<string, unknown> = {}) => ({ type, description: 'd', source: 't', ...extra });
const catalog = buildCatalog({
  version: 1,
  sources: { t: 'a test source' },
  endpoints: [
    {
      path: '/api/2.0/fo/widget/',
      family: 'test',
      title: 'Widgets',
      source: 't',
      actions: { list: { description: 'List widgets.', params: ['ids', 'ips', 'details'] }, purge: { description: 'Purge.', changesData: true, params: ['ids'] } },
      params: { ids: param('idList'), ips: param('ipList'), details: param('enum', { values: ['Basic', 'All'] }) },
    },
    {
      path: '/api/2.0/fo/gadget/',
      family: 'test',
      title: 'Gadgets',
      source: 't',
      completeness: 'partial',
      actions: { list: { description: 'List gadgets.', params: ['ids', 'tag_set_by'] }, create: { description: 'Create.', changesData: true, params: ['title', 'tag_set_by'] } },
      params: { ids: param('idList'), title: param('string'), tag_set_by: param('enum', { values: ['id', 'name'] }) },
    },
    {
      path: '/api/2.0/fo/gizmo/',
      family: 'test',
      title: 'Gizmos',
      source: 't',
      versions: { '3.0': { description: 'Gizmos, version 3.', source: 't', completeness: 'partial' }, '4.0': { description: 'Gizmos, version 4.', source: 't' } },
      actions: { list: { description: 'List gizmos.', params: ['ids'] } },
      params: { ids: param('idList') },
    },
    {
      path: '/qps/rest/2.0/{operation}/am/widgetconnector/{id}',
      family: 'test',
      title: 'Widget connectors',
      source: 't',
      actions: { search: { description: 'Search.', body: 'xml', params: [] }, get: { description: 'Get one.', params: [] } },
    },
  ],
  knownPaths: [
    { path: '/api/2.0/fo/vwidget/', title: 'virtual widgets', source: 't' },
    { path: '/qps/rest/2.0/{operation}/am/tag/{id}', title: 'tags', source: 't' },
  ],
});

const service = () => new RequestService(catalog);
const diagnostics = (text: string, languageId = 'qualys-request') => diagnosticsOf(text, languageId, service());
const summary = (text: string) => diagnostics(text).map((d) => [d.code, d.severity, d.message]);
const get = (path: string) => `GET {{baseUrl}}${path}\n`;

function hover(marked: string): string {
  const { document, offset } = withCursor(marked);
  const contents = service().hover(document, document.positionAt(offset), token)?.contents;
  return contents && typeof contents === 'object' && 'value' in contents ? contents.value : '';
}

test('a path the catalog does not know gets one information note and nothing else, whatever its parameters and body', () => {
  const text = 'POST {{baseUrl}}/api/2.0/fo/sprocket/?action=lst&detials=x&ids=abc\n\naction=again\n';
  assert.deepEqual(summary(text), [['not-in-catalog', DiagnosticSeverity.Information, "'/api/2.0/fo/sprocket/' is not in the catalog: its parameters are not checked."]]);
  const qps = 'POST {{baseUrl}}/qps/rest/2.0/search/am/sprocket\nContent-Type: text/xml\n\n<ServiceRequest><nonsense/></ServiceRequest>\n';
  assert.deepEqual(diagnostics(qps).map((d) => d.code), ['not-in-catalog']);
});

test('a documented path without an entry (knownPaths) is named, never called a typo of a near catalog path', () => {
  const [note] = diagnostics(get('/api/2.0/fo/vwidget/?action=list'));
  assert.deepEqual([note!.code, note!.severity, note!.message], ['not-in-catalog', DiagnosticSeverity.Information, "'/api/2.0/fo/vwidget/' (virtual widgets) is not in the catalog: its parameters are not checked."]);
  assert.deepEqual(diagnostics(get('/qps/rest/2.0/search/am/tag')).map((d) => d.code), ['not-in-catalog']);
  assert.deepEqual(diagnostics(get('/qps/rest/2.0/get/am/tag/123')).map((d) => d.code), ['not-in-catalog']);
});

test('a misspelt segment is a near miss: a warning with did-you-mean and a quick fix', () => {
  const [d] = diagnostics(get('/api/2.0/fo/wdiget/?action=list'));
  assert.deepEqual([d!.code, d!.severity, d!.message], ['unknown-endpoint', DiagnosticSeverity.Warning, "'/api/2.0/fo/wdiget/' is not in the catalog. Did you mean '/api/2.0/fo/widget/'?"]);
  assert.deepEqual(d!.data, { fix: 'replace', newText: '/api/2.0/fo/widget/', title: "Change to '/api/2.0/fo/widget/'" });
  // The written form is kept: no trailing slash stays without one, an ID stays.
  assert.match(diagnostics(get('/api/2.0/fo/Widget?action=list'))[0]!.message, /Did you mean '\/api\/2\.0\/fo\/widget'\?/);
  // A QPS operation is matched as any word; the validator reports one the entry does not list.
  assert.deepEqual(diagnostics(get('/qps/rest/2.0/serch/am/widgetconnector/12')).map((x) => [x.code, x.severity]), [['unknown-action', DiagnosticSeverity.Warning]]);
  // A near miss of a known path is one too.
  assert.match(diagnostics(get('/api/2.0/fo/vwidgte/'))[0]!.message, /Did you mean '\/api\/2\.0\/fo\/vwidget\/'\?/);
});

test('a segment missing from the API prefix, or doubled, is a near miss; one missing further in is not', () => {
  assert.match(diagnostics(get('/api/2.0/widget/'))[0]!.message, /Did you mean '\/api\/2\.0\/fo\/widget\/'\?/);
  assert.match(diagnostics(get('/api/fo/widget/'))[0]!.message, /Did you mean '\/api\/2\.0\/fo\/widget\/'\?/);
  assert.match(diagnostics(get('/api/2.0/fo/fo/widget/'))[0]!.message, /Did you mean '\/api\/2\.0\/fo\/widget\/'\?/);
  // Versions of one endpoint are one path: the catalog's own version is offered.
  assert.match(diagnostics(get('/api/fo/gizmo/'))[0]!.message, /Did you mean '\/api\/2\.0\/fo\/gizmo\/'\?/);
  // A real word too many, or a path that may be a real shorter one, is only "not in the catalog".
  assert.deepEqual(diagnostics(get('/api/2.0/fo/schedule/widget/')).map((d) => d.code), ['not-in-catalog']);
  assert.deepEqual(diagnostics(get('/qps/rest/2.0/search/widgetconnector')).map((d) => d.code), ['not-in-catalog']);
  assert.deepEqual(diagnostics(get('/rest/2.0/search/am/widgetconnector')).map((d) => d.code), ['not-in-catalog']);
});

test('a version no path of the API uses is a near miss; one it uses elsewhere is not', () => {
  assert.match(diagnostics(get('/api/2.1/fo/widget/'))[0]!.message, /Did you mean '\/api\/2\.0\/fo\/widget\/'\?/);
  assert.match(diagnostics(get('/api/2/fo/widget/'))[0]!.message, /Did you mean '\/api\/2\.0\/fo\/widget\/'\?/);
  const [other] = diagnostics(get('/api/3.0/fo/widget/?action=list'));
  assert.deepEqual([other!.code, other!.severity, other!.message], [
    'not-in-catalog',
    DiagnosticSeverity.Information,
    "'/api/3.0/fo/widget/' is not in the catalog: its parameters are not checked. The catalog knows it as /api/2.0/fo/widget/ (API version 2.0).",
  ]);
});

test('two paths equally near: no guess', () => {
  const twins = buildCatalog({
    version: 1,
    sources: { t: 'a test source' },
    endpoints: ['/api/2.0/fo/abcd/', '/api/2.0/fo/abce/'].map((path) => ({ path, family: 'test', title: path, source: 't', actions: { list: { description: 'List.', params: [] } } })),
  });
  assert.deepEqual(diagnosticsOf(get('/api/2.0/fo/abcf/'), 'qualys-request', new RequestService(twins)).map((d) => d.code), ['not-in-catalog']);
});

test('a {{variable}} inside the path hides it: not in the catalog, no guess', () => {
  const [d] = diagnostics(get('/api/{{v}}/fo/wdiget/'));
  assert.deepEqual([d!.code, d!.message], ['not-in-catalog', "'/api/{{v}}/fo/wdiget/' is not in the catalog: its parameters are not checked. A {{variable}} the file does not define hides part of it."]);
});

test('a partial entry: unknown names that are no near miss pass, near misses are warnings with a fix', () => {
  assert.deepEqual(diagnostics(get('/api/2.0/fo/gadget/?action=list&ids=1&show_everything=1')), []);
  const [d] = diagnostics(get('/api/2.0/fo/gadget/?action=list&tag_set_byy=id'));
  assert.deepEqual([d!.code, d!.severity, d!.message], [
    'unknown-parameter',
    DiagnosticSeverity.Warning,
    "Parameter 'tag_set_byy' is not in the catalog for /api/2.0/fo/gadget/ action=list (the catalog of this endpoint is partial). Did you mean 'tag_set_by'?",
  ]);
  assert.deepEqual(d!.data, { fix: 'replace', newText: 'tag_set_by', title: "Change to 'tag_set_by'" });
  // Known names keep their checks: values, and the action they belong to.
  assert.deepEqual(diagnostics(get('/api/2.0/fo/gadget/?action=list&tag_set_by=names')).map((x) => [x.code, x.severity]), [['bad-value', DiagnosticSeverity.Error]]);
  // A name the catalog lists for another action may be one this action takes too: the catalog does
  // not know all of a partial entry, so it says where it lists the name, quietly.
  const [other] = diagnostics(get('/api/2.0/fo/gadget/?action=list&title=x'));
  assert.deepEqual([other!.code, other!.severity, other!.message], [
    'parameter-not-for-action',
    DiagnosticSeverity.Information,
    "'title' is listed for action=create, not for action=list; the catalog of this endpoint is partial, so it is not checked here.",
  ]);
});

test('a partial entry: a name real elsewhere in the catalog is no typo of a near one here', () => {
  // `ips` is a parameter of /api/2.0/fo/widget/, one edit from this endpoint's `ids`.
  assert.deepEqual(diagnostics(get('/api/2.0/fo/gadget/?action=list&ips=10.0.0.1')), []);
  // On an entry that is not partial the strictness stays: an error, with the suggestion.
  const [strict] = diagnostics(get('/api/2.0/fo/widget/?action=purge&ips=10.0.0.1'));
  assert.deepEqual([strict!.code, strict!.severity], ['parameter-not-for-action', DiagnosticSeverity.Error]);
  const [unknown] = diagnostics(get('/api/2.0/fo/widget/?action=list&idss=1'));
  assert.deepEqual([unknown!.code, unknown!.severity, unknown!.message], ['unknown-parameter', DiagnosticSeverity.Error, "Unknown parameter 'idss' for /api/2.0/fo/widget/ action=list. Did you mean 'ids'?"]);
});

test('a partial entry: an unknown action is quiet (and so is the rest of the request) unless it is a near miss', () => {
  assert.deepEqual(diagnostics(get('/api/2.0/fo/gadget/?action=export&whatever=1&ids=abc')), []);
  // `purge` is an action of another endpoint: real, not a typo of anything here.
  assert.deepEqual(diagnostics(get('/api/2.0/fo/gadget/?action=purge')), []);
  const [d] = diagnostics(get('/api/2.0/fo/gadget/?action=lsit'));
  assert.deepEqual([d!.code, d!.severity, d!.message], [
    'unknown-action',
    DiagnosticSeverity.Warning,
    "Action 'lsit' is not in the catalog for /api/2.0/fo/gadget/ (the catalog of this endpoint is partial). Did you mean 'list'?",
  ]);
  assert.deepEqual(diagnostics(get('/api/2.0/fo/widget/?action=export')).map((x) => [x.code, x.severity]), [['unknown-action', DiagnosticSeverity.Error]]);
});

test('other versions of an endpoint are matched; a version marked partial checks unknown names as a partial entry does', () => {
  assert.deepEqual(diagnostics(get('/api/3.0/fo/gizmo/?action=list&ids=1&new_in_v3=1')), []);
  assert.deepEqual(diagnostics(get('/api/3.0/fo/gizmo/?action=list&idss=1')).map((x) => [x.code, x.severity]), [['unknown-parameter', DiagnosticSeverity.Warning]]);
  assert.deepEqual(diagnostics(get('/api/4.0/fo/gizmo/?action=list&new_in_v4=1')).map((x) => [x.code, x.severity]), [['unknown-parameter', DiagnosticSeverity.Error]]);
  assert.deepEqual(diagnostics(get('/api/4.0/fo/gizmo/?action=list&ids=x')).map((x) => x.code), ['bad-format']);
});

test('hover says what the catalog does not know', () => {
  assert.match(hover(get('/api/2.0/fo/spro|cket/?action=list')), /\*\*Not in the catalog\*\*: `\/api\/2\.0\/fo\/sprocket\/`[\s\S]*not checked/);
  assert.match(hover(get('/api/2.0/fo/sprocket/?action=list&i|ds=1')), /Not in the catalog/);
  assert.match(hover(get('/api/2.0/fo/vwid|get/')), /A Qualys endpoint \(virtual widgets\) the catalog does not describe yet\.[\s\S]*_Source: a test source_/);
  assert.match(hover(get('/api/2.0/fo/wdi|get/')), /Did you mean `\/api\/2\.0\/fo\/widget\/`\?/);
  assert.match(hover(get('/api/3.0/fo/wid|get/')), /The catalog knows `\/api\/2\.0\/fo\/widget\/` under API version 2\.0\./);
  assert.match(hover(get('/api/2.0/fo/gad|get/?action=list')), /The catalog of this endpoint is partial/);
  assert.match(hover(get('/api/2.0/fo/gadget/?action=list&show_ev|erything=1')), /\*\*show_everything\*\*: not in the catalog of `\/api\/2\.0\/fo\/gadget\/` \(the catalog of this endpoint is partial\)/);
  assert.match(hover(get('/api/2.0/fo/gadget/?action=exp|ort')), /\*\*action=export\*\*: not in the catalog/);
  assert.equal(hover(get('/api/2.0/fo/widget/?action=list&nope|=1')), '');
});

test('hover on a path called under another version explains the version; its partial note is its own', () => {
  const v3 = hover(get('/api/3.0/fo/giz|mo/?action=list'));
  assert.match(v3, /\*\*API version 3\.0\*\*: Gizmos, version 3\./);
  assert.match(v3, /The catalog of this version is partial/);
  assert.doesNotMatch(hover(get('/api/4.0/fo/giz|mo/?action=list')), /partial/);
  assert.match(hover(get('/api/2.0/fo/giz|mo/?action=list')), /Also served under API version 3\.0, 4\.0\./);
});

test('the quick fix of a near-miss path replaces the path', () => {
  const document = makeDocument(get('/api/2.0/fo/wdiget/?action=list'));
  const s = service();
  const found = s.diagnostics(document, token);
  const [action] = s.codeActions(document, found[0]!.range, { diagnostics: found }, token);
  assert.equal(action!.title, "Change to '/api/2.0/fo/widget/'");
});
