/** Criteria, preferences and <data> of QPS bodies: validation, quick fixes, completion and hover. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { buildQpsCatalog, mergeQpsFiles, readQpsFiles } from '../../../server/src/qps/qpsCatalog';
import { QpsService } from '../../../server/src/qps/qpsService';
import { RequestService } from '../../../server/src/request/requestService';
import { applyFix, completionItems, completionLabels, hoverText, makeDocument, token } from '../request/helpers';

const request = (path: string, body: string) => `POST {{baseUrl}}${path}\nContent-Type: text/xml\n\n${body}\n`;
const filtersPart = (...criteria: string[]) => `<filters>\n${criteria.join('\n')}\n</filters>`;
const filters = (...criteria: string[]) => `<ServiceRequest>\n${filtersPart(...criteria)}\n</ServiceRequest>`;
const c = (field: string, operator: string, value: string) => `<Criteria field="${field}" operator="${operator}">${value}</Criteria>`;

/** [code, severity, covered text] of every diagnostic. */
function found(text: string, languageId = 'qualys-request'): Array<[string, DiagnosticSeverity | undefined, string]> {
  const document = makeDocument(text, languageId, languageId === 'xml' ? 'file:///body.xml' : 'file:///t.qualys');
  const service = languageId === 'xml' ? new QpsService() : new RequestService();
  return service.diagnostics(document, token).map((d) => [String(d.code), d.severity, document.getText(d.range)]);
}

const E = DiagnosticSeverity.Error;
const W = DiagnosticSeverity.Warning;
const I = DiagnosticSeverity.Information;
const hostSearch = (...criteria: string[]) => request('/qps/rest/2.0/search/am/hostasset', filters(...criteria));

test('valid Criteria of host assets, tags, agents and WAS objects draw nothing', () => {
  assert.deepEqual(found(hostSearch(c('tagName', 'EQUALS', 'Cloud Agent'), c('lastCheckedIn', 'LESSER', '2024-02-01'), c('qwebHostId', 'IN', '1, 2,3'))), []);
  // Dates as clients write them: with seconds, fractions (qualysdk) and zones.
  for (const date of ['2024-02-01T10:20:30Z', '2024-02-01T10:20:30.123456Z', '2024-02-01T10:20', '2024-02-01T10:20:30+02:00']) {
    assert.deepEqual(found(hostSearch(c('lastVulnScan', 'GREATER', date))), [], date);
  }
  assert.deepEqual(found(request('/qps/rest/2.0/search/am/tag', filters(c('ruleType', 'IN', 'STATIC,GROOVY'), c('parent', 'EQUALS', '12')))), []);
  assert.deepEqual(found(request('/qps/rest/3.0/search/was/webapp', filters(c('isScanned', 'EQUALS', 'True'), c('lastScan.status', 'EQUALS', 'FINISHED')))), []);
  assert.deepEqual(found(request('/qps/rest/3.0/search/was/wasscan', filters(c('webApp.tags', 'NONE', '')))), []);
  assert.deepEqual(found(request('/qps/rest/3.0/count/was/finding', filters(c('externalRef', 'IS EMPTY', '')))), []);
  assert.deepEqual(found(request('/qps/rest/1.0/search/ca/agentactkey/', filters(c('isDisabled', 'EQUALS', 'false')))), []);
});

test('an unknown field of a partial object: a near miss is a warning with a fix, anything else an information', () => {
  assert.deepEqual(found(hostSearch(c('tagNmae', 'EQUALS', 'x'))), [['qps-unknown-field', W, 'tagNmae']]);
  assert.deepEqual(found(hostSearch(c('agentInfo.platform', 'EQUALS', 'Linux'))), [['qps-unknown-field', I, 'agentInfo.platform']]);
  const fixed = applyFix(hostSearch(c('tagNmae', 'EQUALS', 'x')), 'qps-unknown-field');
  assert.match(fixed, /field="tagName"/);
  // An object the catalog knows nothing of the fields of: never more than an information.
  assert.deepEqual(found(request('/qps/rest/1.0/search/ca/agentconfig', filters(c('name', 'CONTAINS', 'x')))), [['qps-unknown-field', I, 'name']]);
  // An endpoint without an object: fields are not checked at all.
  assert.deepEqual(found(request('/qps/rest/3.0/search/was/catalog', filters(c('anything', 'EQUALS', 'x')))), []);
});

test('an unknown field of an object whose criteria are complete is an error', () => {
  const raw = mergeQpsFiles(readQpsFiles());
  (raw.objects as Record<string, Record<string, unknown>>).Tag!.criteriaComplete = true;
  const catalog = buildQpsCatalog(raw);
  const document = makeDocument(`<ServiceRequest><data><Tag/></data>${filtersPart(c('nme', 'EQUALS', 'x'), c('owner', 'EQUALS', 'x'))}</ServiceRequest>`, 'xml');
  const diagnostics = new QpsService(catalog).diagnostics(document, token);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, document.getText(d.range)]), [['qps-unknown-field', E, 'nme'], ['qps-unknown-field', E, 'owner']]);
  assert.match(String(diagnostics[0]!.message), /Did you mean 'name'/);
});

test('operators: unknown ones are warnings with a fix, those a field documents it does not take warnings, refused ones errors', () => {
  assert.deepEqual(found(hostSearch(c('name', 'EQUAL', 'x'))), [['qps-bad-operator', W, 'EQUAL']]);
  assert.match(applyFix(hostSearch(c('name', 'NOT_EQUALS', 'x')), 'qps-bad-operator'), /operator="NOT EQUALS"/);
  // The table of operators by type is contradicted by real scripts (Qualys' own use CONTAINS on tag IDs and
  // booleans, qualysdk IN on names): only an information.
  assert.deepEqual(found(hostSearch(c('id', 'CONTAINS', '12'))), [['qps-bad-operator', I, 'CONTAINS']]);
  assert.deepEqual(found(request('/qps/rest/2.0/uninstall/am/asset', filters(c('name', 'IN', 'old-vm-1,old-vm-2')))), [['qps-bad-operator', I, 'IN']]);
  // A field's own documented list wins over its type's: activationKey takes EQUALS only.
  assert.deepEqual(found(hostSearch(c('activationKey', 'CONTAINS', 'abc'))), [['qps-bad-operator', W, 'CONTAINS']]);
  assert.deepEqual(found(hostSearch(c('agentVersion', 'GREATER', '5.0'))), []);
  // Uninstall refuses NOT EQUALS (a documented error); search does not.
  const body = filters(c('tagName', 'NOT EQUALS', 'Test'));
  assert.deepEqual(found(request('/qps/rest/2.0/uninstall/am/asset', body)), [['qps-bad-operator', E, 'NOT EQUALS']]);
  assert.deepEqual(found(request('/qps/rest/2.0/search/am/asset', body)), []);
});

test('values: integers, dates and booleans are errors when malformed, keywords warnings; placeholders are not checked', () => {
  assert.deepEqual(found(hostSearch(c('qwebHostId', 'IN', '1,2,x'))), [['qps-bad-value', E, '1,2,x']]);
  assert.deepEqual(found(hostSearch(c('qwebHostId', 'EQUALS', '1,2'))), [['qps-bad-value', E, '1,2']]);
  assert.deepEqual(found(hostSearch(c('created', 'GREATER', '01/02/2024'))), [['qps-bad-value', E, '01/02/2024']]);
  assert.deepEqual(found(hostSearch(c('created', 'GREATER', '2024-02-30'))), [['qps-bad-value', E, '2024-02-30']]);
  assert.deepEqual(found(hostSearch(c('id', 'EQUALS', ''))), [['qps-bad-value', E, 'Criteria']]);
  assert.deepEqual(found(request('/qps/rest/3.0/search/was/webapp', filters(c('isScheduled', 'EQUALS', 'yes')))), [['qps-bad-value', E, 'yes']]);
  const keyword = found(hostSearch(c('trackingMethod', 'EQUALS', 'AGNT')));
  assert.deepEqual(keyword, [['qps-bad-value', W, 'AGNT']]);
  assert.match(applyFix(hostSearch(c('trackingMethod', 'EQUALS', 'QAGNT')), 'qps-bad-value'), />QAGENT</);
  for (const value of ['{{lastId}}', '${ids.join(",")}', '{0}', '$IdChunkStr', '%s', '%(last)s']) {
    assert.deepEqual(found(hostSearch(c('id', 'IN', value))), [], value);
  }
  assert.deepEqual(found(hostSearch(`<Criteria field="{field}" operator="{op}">x</Criteria>`)), []);
});

test('a Criteria needs a field and an operator', () => {
  assert.deepEqual(found(hostSearch('<Criteria operator="EQUALS">x</Criteria>', '<Criteria field="id">1</Criteria>')), [
    ['qps-missing-attribute', E, 'Criteria'],
    ['qps-missing-attribute', E, 'Criteria'],
  ]);
});

test('preferences: a near-miss name is a warning, limitResults below 1 an error and above the documented 1000 a warning', () => {
  const body = (inner: string) => request('/qps/rest/2.0/search/am/tag', `<ServiceRequest><preferences>${inner}</preferences></ServiceRequest>`);
  assert.deepEqual(found(body('<limitResult>10</limitResult>')), [['qps-unknown-element', W, 'limitResult']]);
  assert.match(applyFix(body('<limitResult>10</limitResult>'), 'qps-unknown-element'), /<limitResults>10<\/limitResult>/);
  assert.deepEqual(found(body('<limitResults>0</limitResults>')), [['qps-out-of-range', E, '0']]);
  assert.deepEqual(found(body('<limitResults>5000</limitResults>')), [['qps-out-of-range', W, '5000']]);
  assert.deepEqual(found(body('<startFromOffset>101</startFromOffset><limitResults>100</limitResults><verbose>true</verbose><startFromId>99</startFromId>')), []);
  assert.deepEqual(found(body('<verbose>yes</verbose>')), [['qps-bad-value', E, 'yes']]);
  // Values filled in by the calling script are not checked (public scripts: ${ids.length}, $tcount).
  for (const value of ['${ids.length}', '$tcount', '{{pageSize}}', '{limit}']) assert.deepEqual(found(body(`<limitResults>${value}</limitResults>`)), [], value);
  // A name that is not a near miss of a known one is not reported: the list is partial.
  assert.deepEqual(found(body('<sortOrder>DESC</sortOrder>')), []);
});

test('the parts of a ServiceRequest the operation does not use are warnings', () => {
  // Qualys' Postman collection posts a tag update body to the bulk activation call.
  const activate = request('/qps/rest/2.0/activate/am/asset?module=AGENT_VM', '<ServiceRequest><data><Tag><name>x</name></Tag></data></ServiceRequest>');
  assert.deepEqual(found(activate), [['qps-unexpected-part', W, 'data']]);
  assert.deepEqual(found(request('/qps/rest/2.0/search/am/tag', '<ServiceRequest><data><Tag><name>x</name></Tag></data></ServiceRequest>')), [['qps-unexpected-part', W, 'data']]);
  assert.deepEqual(found(request('/qps/rest/2.0/update/am/hostasset', `<ServiceRequest>${filtersPart(c('id', 'IN', '1,2'))}<data><HostAsset><tags><add><TagSimple><id>7</id></TagSimple></add></tags></HostAsset></data></ServiceRequest>`)), []);
});

test('<data> of tags, host assets and WAS objects: element trees, values, set/add/remove of children', () => {
  const tag = (inner: string) => request('/qps/rest/2.0/create/am/tag', `<ServiceRequest><data><Tag>${inner}</Tag></data></ServiceRequest>`);
  assert.deepEqual(found(tag('<name>x</name><color>#FFFFFF</color><ruleType>STATIC</ruleType><parentTagId>12</parentTagId><children><add><TagSimple><name>y</name></TagSimple></add></children>')), []);
  assert.deepEqual(found(tag('<nmae>x</nmae>')), [['qps-unknown-element', W, 'nmae']]);
  assert.deepEqual(found(tag('<ruleType>OS_REGX</ruleType>')), [['qps-bad-value', W, 'OS_REGX']]);
  assert.deepEqual(found(tag('<children><remove><TagSimple><id>abc</id></TagSimple></remove></children>')), [['qps-bad-value', E, 'abc']]);
  assert.deepEqual(found(tag('<children><replace/></children>')), [['qps-unknown-element', E, 'replace']]);
  // Elements the catalog does not know that are no near miss are left alone (the Tag list is partial).
  assert.deepEqual(found(tag('<srcAssetGroupId>5</srcAssetGroupId>')), []);
  const finding = request('/qps/rest/3.0/editSeverity/was/finding', '<ServiceRequest><data><Finding><id>647</id><severity>6</severity></Finding></data></ServiceRequest>');
  assert.deepEqual(found(finding), [['qps-out-of-range', E, '6']]);
  const key = request('/qps/rest/1.0/create/ca/agentactkey/', '<ServiceRequest><data><AgentActKey><type>LIMITED</type><expireDate>tomorrow</expireDate></AgentActKey></data></ServiceRequest>');
  assert.deepEqual(found(key), [['qps-bad-value', E, 'LIMITED'], ['qps-bad-value', E, 'tomorrow']]);
});

test('a ServiceRequest .xml file: Criteria are checked against the object in <data>, operators always', () => {
  const xml = `<ServiceRequest>${filtersPart(c('idd', 'EQUALS', '1'))}<data><HostAsset/></data></ServiceRequest>`;
  assert.deepEqual(found(xml, 'xml'), [['qps-unknown-field', W, 'idd']]);
  assert.deepEqual(found(filters(c('idd', 'EQUAL', '1')), 'xml'), [['qps-bad-operator', W, 'EQUAL']]);
});

test('completion: Criteria fields of the object, operators of the field, keyword and boolean values', () => {
  const body = (criteria: string) => request('/qps/rest/2.0/search/am/hostasset', `<ServiceRequest><filters>${criteria}</filters></ServiceRequest>`);
  const fields = completionLabels(body('<Criteria field="la|" operator="EQUALS">x</Criteria>'));
  assert.ok(fields.includes('lastCheckedIn') && fields.includes('tagName') && fields.includes('qwebHostId'), fields.join());
  const item = completionItems(body('<Criteria field="la|" operator="EQUALS">x</Criteria>')).find((i) => i.label === 'tagName')!;
  assert.equal((item.textEdit as { newText: string }).newText, 'tagName');
  assert.deepEqual(completionLabels(body('<Criteria field="lastCheckedIn" operator="|">x</Criteria>')), ['EQUALS', 'LESSER', 'GREATER']);
  assert.deepEqual(completionLabels(body('<Criteria field="id" operator="E|">1</Criteria>')), ['EQUALS', 'NOT EQUALS', 'GREATER', 'LESSER', 'IN']);
  assert.deepEqual(completionLabels(body('<Criteria field="trackingMethod" operator="EQUALS">|</Criteria>')), ['NONE', 'IP', 'DNSNAME', 'NETBIOS', 'INSTANCE_ID', 'QAGENT']);
  assert.deepEqual(completionLabels(request('/qps/rest/3.0/search/was/webapp', '<ServiceRequest><filters><Criteria field="isScanned" operator="EQUALS">|</Criteria></filters></ServiceRequest>')), ['true', 'false']);
  // Element names: a Criteria comes as a snippet with its attributes; preferences and data children.
  const criteria = completionItems(body('<|'));
  assert.equal(criteria[0]!.label, 'Criteria');
  assert.match((criteria[0]!.textEdit as { newText: string }).newText, /^Criteria field="\$1" operator=/);
  assert.deepEqual(completionLabels(request('/qps/rest/2.0/search/am/tag', '<ServiceRequest><preferences><|</preferences></ServiceRequest>')), ['startFromOffset', 'startFromId', 'limitResults', 'verbose']);
  const tagChildren = completionLabels(request('/qps/rest/2.0/create/am/tag', '<ServiceRequest><data><Tag><children><set><|</set></children></Tag></data></ServiceRequest>'));
  assert.deepEqual(tagChildren, ['TagSimple']);
  assert.ok(completionLabels(request('/qps/rest/2.0/create/am/tag', '<ServiceRequest><data><Tag><ruleType>|</ruleType></Tag></data></ServiceRequest>')).includes('OS_REGEX'));
});

test('hover: a Criteria field with its type, operators and source; an operator; a preference; an operation of the path', () => {
  const body = (criteria: string) => request('/qps/rest/2.0/search/am/hostasset', `<ServiceRequest><filters>${criteria}</filters></ServiceRequest>`);
  const field = hoverText(body('<Criteria field="lastChe|ckedIn" operator="LESSER">2024-01-01</Criteria>'));
  assert.match(field, /\*\*lastCheckedIn\*\* \(date\)[\s\S]*Operators: `EQUALS`, `LESSER`, `GREATER`[\s\S]*Source: docs\.qualys\.com\/en\/ca\/api\/agents/);
  assert.match(hoverText(body('<Criteria field="lastCheckedIn" operator="LES|SER">2024-01-01</Criteria>')), /\*\*LESSER\*\*[\s\S]*lastCheckedIn \(date\) accepts/);
  assert.match(hoverText(body('<Criteria field="agentInfo.pl|atform" operator="EQUALS">x</Criteria>')), /not in the catalog's Criteria fields of HostAsset \(partial\)/);
  assert.match(hoverText(request('/qps/rest/2.0/search/am/tag', '<ServiceRequest><preferences><limitRes|ults>10</limitResults></preferences></ServiceRequest>')), /Documented maximum: 1000[\s\S]*Source:/);
  const ruleType = hoverText(request('/qps/rest/2.0/create/am/tag', '<ServiceRequest><data><Tag><rule|Type>STATIC</ruleType></Tag></data></ServiceRequest>'));
  assert.match(ruleType, /`OS_REGEX`[\s\S]*documented so far; others are warnings[\s\S]*Source: Qualys\/community/);
  assert.match(hoverText(`<ServiceRequest><data><HostAsset/></data>${filtersPart(c('tag|Name', 'EQUALS', 'x'))}</ServiceRequest>`, 'xml'), /\*\*tagName\*\* \(text\)/);
  const path = hoverText('POST {{baseUrl}}/qps/rest/2.0/acti|vate/am/asset/1?module=AGENT_VM\n');
  assert.match(path, /`activate`: Activate the Cloud Agent[\s\S]*_\(changes data\)_/);
  assert.match(path, /`search`: Search by the Criteria/);
});

test('URL parameters of QPS operations: fields on searches, module on activation, scan on on-demand scans', () => {
  assert.deepEqual(completionLabels('POST {{baseUrl}}/qps/rest/2.0/search/am/tag?|\n'), ['fields']);
  assert.deepEqual(completionLabels('POST {{baseUrl}}/qps/rest/2.0/activate/am/hostasset/1?module=|\n'), ['QWEB_VM', 'QWEB_PC']);
  assert.ok(completionLabels('POST {{baseUrl}}/qps/rest/2.0/deactivate/am/asset/1?module=AGENT_VM,|\n').includes('AGENT_MTG'));
  assert.ok(completionLabels('POST {{baseUrl}}/qps/rest/1.0/ods/ca/agentasset/1?scan=|\n').includes('Vulnerability_Scan'));
  // Qualys' own samples: a space after the comma, AGENT_SwCA in any case, OverrideConfigCpu capitalised.
  assert.deepEqual(found(request('/qps/rest/2.0/activate/am/asset/5808297?module=AGENT_VM, AGENT_SWCA', '<ServiceRequest></ServiceRequest>')), []);
  assert.deepEqual(found(request('/qps/rest/1.0/ods/ca/agentasset/19105105?scan=Inventory_Scan&OverrideConfigCpu=false', '<ServiceRequest></ServiceRequest>')), []);
  assert.deepEqual(found('POST {{baseUrl}}/qps/rest/2.0/activate/am/asset/1\n').map(([code]) => code), ['missing-required']);
  assert.deepEqual(found('POST {{baseUrl}}/qps/rest/2.0/search/am/hostasset/?fields=name,agentInfo.agentId\n'), []);
});

test('an operation the catalog does not list still finds its object: a near miss is a warning with a fix, anything else an information', () => {
  assert.deepEqual(found('POST {{baseUrl}}/qps/rest/2.0/serach/am/tag\n'), [['unknown-action', W, 'serach']]);
  assert.match(applyFix('POST {{baseUrl}}/qps/rest/2.0/serach/am/tag\n', 'unknown-action'), /\/qps\/rest\/2\.0\/search\/am\/tag/);
  const update = request('/qps/rest/3.0/update/was/finding/52', '<ServiceRequest><data><Finding><severity>9</severity></Finding></data></ServiceRequest>');
  assert.deepEqual(found(update), [['unknown-action', I, 'update'], ['qps-out-of-range', E, '9']]);
});

test('half-typed and broken Criteria never throw: completion, hover and diagnostics at every offset', () => {
  const service = new RequestService();
  const xmlService = new QpsService();
  const bodies = [
    '<ServiceRequest><filters><Criteria field="',
    '<ServiceRequest><filters><Criteria field="id" operator=">',
    "<ServiceRequest><filters><Criteria field='tagName' operator='IN'>a,b",
    '<ServiceRequest><filters><Criteria field="x" field="y" operator="EQUALS" operator="IN"></Criteria><Criteria/></filters>',
    '<ServiceRequest><preferences><limitResults>&#x41;</limitResults><filters><Criteria field="&amp;" operator="&lt;">&unknown;</Criteria>',
  ];
  for (const body of bodies) {
    const text = request('/qps/rest/2.0/search/am/hostasset', body);
    const document = makeDocument(text);
    service.diagnostics(document, token);
    const xml = makeDocument(body, 'xml');
    xmlService.diagnostics(xml, token);
    for (let offset = 0; offset <= text.length; offset++) {
      service.completion(document, document.positionAt(offset), token);
      service.hover(document, document.positionAt(offset), token);
    }
    for (let offset = 0; offset <= body.length; offset++) {
      xmlService.completion(xml, xml.positionAt(offset));
      xmlService.hover(xml, xml.positionAt(offset));
    }
  }
});
