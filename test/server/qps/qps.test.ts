import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { QpsService } from '../../../server/src/qps/qpsService';
import { RequestService } from '../../../server/src/request/requestService';
import { diagnosticsOf, hoverText, makeDocument, token } from '../request/helpers';

const agentConfig = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<ServiceRequest>\n<data>\n<AgentConfig>\n${inner}\n</AgentConfig>\n</data>\n</ServiceRequest>\n`;
const setting = (key: string, value: string) =>
  `<performanceProfile><settings><list><PerformanceLevelSettings><key>${key}</key><value>${value}</value></PerformanceLevelSettings></list></settings></performanceProfile>`;
const connector = (inner: string) => `<ServiceRequest><data><AwsAssetDataConnector>${inner}</AwsAssetDataConnector></data></ServiceRequest>`;

function check(xml: string): Array<[string, string]> {
  const document = makeDocument(xml, 'xml', 'file:///body.xml');
  const service = new QpsService();
  assert.ok(service.accepts(document));
  return service.diagnostics(document, token).map((d) => [String(d.code), document.getText(d.range)]);
}

test('performance keys are checked against their ranges and values', () => {
  assert.deepEqual(check(agentConfig(setting('INTERVAL_EVENT_STATUS', '299'))), [['qps-out-of-range', '299']]);
  assert.deepEqual(check(agentConfig(setting('INTERVAL_EVENT_STATUS', '86400'))), []);
  assert.deepEqual(check(agentConfig(setting('CPU_LIMIT', '101'))), [['qps-out-of-range', '101']]);
  assert.deepEqual(check(agentConfig(setting('THROTTLE_EVENT_COMM_UPLOAD', 'fast'))), [['qps-bad-value', 'fast']]);
  assert.deepEqual(check(agentConfig(setting('AGENT_LOGGING_LEVEL', 'Debug'))), [['qps-bad-value', 'Debug']]);
  assert.deepEqual(check(agentConfig(setting('INTERVAL_EVENT_CHECK_REVOCATION', '60'))), [['qps-out-of-range', '60']]);
  assert.deepEqual(check(agentConfig(setting('CPU_LIMITS', '20'))), [['qps-unknown-key', 'CPU_LIMITS']]);
});

test('blackout hours are 0-23 and day flags 0 or 1', () => {
  const blackout = (start: string, monday: string) =>
    `<blackoutConfig><settings><list><BlackoutConfig><startHour>${start}</startHour><endHour>16</endHour><monday>${monday}</monday></BlackoutConfig></list></settings></blackoutConfig>`;
  assert.deepEqual(check(agentConfig(blackout('24', '0'))), [['qps-out-of-range', '24']]);
  assert.deepEqual(check(agentConfig(blackout('0', 'yes'))), [['qps-bad-value', 'yes']]);
  assert.deepEqual(check(agentConfig(blackout('23', '1'))), []);
});

test('tag resolution is ANY or ALL; unknown elements get did-you-mean', () => {
  const document = makeDocument(agentConfig('<tags><includeResolution>any</includeResolution></tags><suspendScaning>false</suspendScaning>'), 'xml');
  const diagnostics = new QpsService().diagnostics(document, token).map((d) => ({ ...d, message: String(d.message) }));
  assert.deepEqual(diagnostics.map((d) => d.code), ['qps-bad-value', 'qps-unknown-element']);
  assert.match(diagnostics[0]!.message, /Did you mean 'ANY'/);
  assert.match(diagnostics[1]!.message, /Did you mean <suspendScanning>/);
  assert.equal(diagnostics[0]!.source, 'qualys-qps');
});

test('AWS connector: isGovCloudConfigured true excludes allRegions true; activation modules', () => {
  assert.deepEqual(check(connector('<isGovCloudConfigured>true</isGovCloudConfigured><allRegions>true</allRegions>')), [['qps-conflict', 'true']]);
  assert.deepEqual(check(connector('<isGovCloudConfigured>false</isGovCloudConfigured><allRegions>true</allRegions>')), []);
  assert.deepEqual(check(connector('<isGovCloudConfigured>yes</isGovCloudConfigured>')), [['qps-bad-value', 'yes']]);
  assert.deepEqual(check(connector('<activation><set><ActivationModule>VMX</ActivationModule></set></activation>')), [['qps-bad-value', 'VMX']]);
});

test('broken XML still gets diagnostics for what can be read', () => {
  const found = check(agentConfig(`<isDefault>2</isDefault>\n<name>x</nam>\n${setting('CPU_LIMIT', '1')}`));
  assert.ok(found.some(([code]) => code === 'qps-xml-syntax'));
  assert.ok(found.some(([code, text]) => code === 'qps-bad-value' && text === '2'));
  assert.ok(found.some(([code, text]) => code === 'qps-out-of-range' && text === '1'));
});

test('the QPS service takes only XML whose root is ServiceRequest', () => {
  const service = new QpsService();
  assert.ok(!service.accepts(makeDocument('<OPTION_PROFILES/>', 'xml')));
  assert.ok(service.accepts(makeDocument('<?xml version="1.0"?>\n<!-- agent profile -->\n<ServiceRequest/>', 'xml')));
  assert.ok(!service.accepts(makeDocument('<ServiceRequest/>', 'plaintext')));
});

test('hover explains performance keys and elements', () => {
  assert.match(hoverText(agentConfig(setting('CPU_LI|MIT', '20')), 'xml'), /CPU Limit[\s\S]*Range: 2\.\.100/);
  assert.match(hoverText(agentConfig('<tags><includeRes|olution>ANY</includeResolution></tags>'), 'xml'), /`ANY`, `ALL`/);
});

test('QPS bodies in request files are checked with the endpoint object', () => {
  const document = makeDocument(`POST {{baseUrl}}/qps/rest/1.0/create/ca/agentconfig/\nContent-Type: text/xml\n\n${connector('<name>x</name>')}\n`);
  assert.deepEqual(new RequestService().diagnostics(document, token).map((d) => d.code), ['qps-wrong-object']);
});

test('a QPS body is recognized by the root element the QPS catalog names, after a prolog and comments, not by a mention', () => {
  const request = (body: string) => `POST {{baseUrl}}/api/2.0/fo/report/template/scan/?action=create\nX-Requested-With: vscode\nContent-Type: text/xml\n\n${body}\n`;
  // Its root is ServiceRequest: the QPS checker runs (and finds the unknown element).
  const qps = '<?xml version="1.0"?>\n<!-- a search -->\n<ServiceRequest><filters><Criteria field="name" operator="EQUALS">a</Criteria></filters><bogus/></ServiceRequest>';
  assert.ok(diagnosticsOf(request(qps)).some((d) => d.source === 'qualys-qps'));
  // A report template body that only mentions <ServiceRequest> in a comment is not a QPS body.
  const template = '<?xml version="1.0"?>\n<!-- not a <ServiceRequest> -->\n<REPORTTEMPLATE><SCANTEMPLATE/></REPORTTEMPLATE>';
  assert.ok(!diagnosticsOf(request(template)).some((d) => d.source === 'qualys-qps'));
});
