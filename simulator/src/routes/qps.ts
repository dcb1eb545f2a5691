// QPS REST (XML ServiceRequest in, ServiceResponse out): agent configuration create/search (seed 003) and the
// AWS asset data connector create (seed 003, GovCloud). Errors answer HTTP 200 with a responseCode, as QPS does.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { escapeText } from '../xml/writer';
import { xml, type Ctx, type Handler, type SimResponse } from './types';

const parser = new XMLParser({ ignoreAttributes: true, processEntities: false, parseTagValue: false, ignoreDeclaration: true });

function serviceResponse(xsd: string, code: string, inner: string): SimResponse {
  return xml(
    `<?xml version="1.0" encoding="UTF-8"?>\n<ServiceResponse xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="https://qualysapi.qualys.com/qps/xsd/${xsd}">\n  <responseCode>${code}</responseCode>\n${inner}</ServiceResponse>\n`,
  );
}

function invalid(xsd: string, message: string): SimResponse {
  return serviceResponse(xsd, 'INVALID_REQUEST', `  <responseErrorDetails>\n    <errorMessage>${escapeText(message)}</errorMessage>\n    <errorResolution>Check the ServiceRequest XML against the API documentation.</errorResolution>\n  </responseErrorDetails>\n`);
}

/** The <data> child of a ServiceRequest, or an error text. */
function requestData(ctx: Ctx, child: string): Record<string, unknown> | string {
  const text = ctx.body.toString('utf8');
  if (text.trim() === '') return 'The request body is empty; a ServiceRequest XML document is required.';
  const v = XMLValidator.validate(text);
  if (v !== true) return `The request XML is not well-formed (line ${v.err.line}: ${v.err.msg})`;
  const doc = parser.parse(text) as { ServiceRequest?: { data?: Record<string, unknown> } };
  const data = doc.ServiceRequest?.data?.[child];
  if (!data || typeof data !== 'object') return `ServiceRequest/data/${child} is missing`;
  return data as Record<string, unknown>;
}

const s = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'object' ? '' : String(v));

/** The element text between <name> and </name> in the raw request, kept verbatim for echoing lists. */
function rawElement(text: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(text);
  return m?.[1];
}

export const agentConfigCreateRoute: Handler = (ctx) => {
  const xsd = '1.0/ca/agentconfig.xsd';
  const data = requestData(ctx, 'AgentConfig');
  if (typeof data === 'string') return invalid(xsd, data);
  const name = s(data.name).trim();
  if (!name) return invalid(xsd, 'AgentConfig name is required');
  if (ctx.state.qps.agentConfigs.some((c) => c.name === name)) return invalid(xsd, `A configuration profile named '${name}' already exists`);
  const text = ctx.body.toString('utf8');
  const blackout = rawElement(text, 'blackoutConfig');
  const perf = rawElement(text, 'performanceProfile');
  const cfg = {
    id: ctx.state.qps.newConfigId(),
    name,
    description: s(data.description),
    isDefault: s(data.isDefault) || '0',
    createdDate: ctx.now,
    createdBy: ctx.user,
    suspendScanning: s(data.suspendScanning) || 'false',
    bodyXml: (blackout !== undefined ? `      <blackoutConfig>${blackout}</blackoutConfig>\n` : '') + (perf !== undefined ? `      <performanceProfile>${perf}</performanceProfile>\n` : ''),
  };
  ctx.state.qps.agentConfigs.push(cfg);
  return serviceResponse(xsd, 'SUCCESS', `  <count>1</count>\n  <data>\n${agentConfigXml(cfg)}  </data>\n`);
};

function agentConfigXml(c: { id: number; name: string; description: string; isDefault: string; createdDate: string; createdBy: string; suspendScanning: string; bodyXml: string }): string {
  return (
    `    <AgentConfig>\n      <id>${c.id}</id>\n      <name>${escapeText(c.name)}</name>\n      <isDefault>${escapeText(c.isDefault)}</isDefault>\n      <createdDate>${c.createdDate}</createdDate>\n      <createdBy>${escapeText(c.createdBy)}</createdBy>\n` +
    `      <description>${escapeText(c.description)}</description>\n      <tags>\n        <includeTags/>\n        <includeResolution>ANY</includeResolution>\n        <excludeTags/>\n      </tags>\n` +
    `      <suspendScanning>${escapeText(c.suspendScanning)}</suspendScanning>\n      <preventAgentUpdate>false</preventAgentUpdate>\n      <totalAgents>0</totalAgents>\n${c.bodyXml}    </AgentConfig>\n`
  );
}

export const agentConfigSearchRoute: Handler = (ctx) => {
  const xsd = '1.0/ca/agentconfig.xsd';
  const text = ctx.body.toString('utf8');
  let nameFilter: string | undefined;
  if (text.trim() !== '') {
    const v = XMLValidator.validate(text);
    if (v !== true) return invalid(xsd, `The request XML is not well-formed (line ${v.err.line}: ${v.err.msg})`);
    const m = /<Criteria\s+field="name"\s+operator="(?:EQUALS|CONTAINS)">([^<]*)<\/Criteria>/.exec(text);
    nameFilter = m?.[1];
  }
  const list = ctx.state.qps.agentConfigs.filter((c) => nameFilter === undefined || c.name.includes(nameFilter));
  return serviceResponse(xsd, 'SUCCESS', `  <count>${list.length}</count>\n  <hasMoreRecords>false</hasMoreRecords>\n  <data>\n${list.map(agentConfigXml).join('')}  </data>\n`);
};

export const awsConnectorCreateRoute: Handler = (ctx) => {
  const xsd = '2.0/am/awsassetdataconnector.xsd';
  const data = requestData(ctx, 'AwsAssetDataConnector');
  if (typeof data === 'string') return invalid(xsd, data);
  const name = s(data.name).trim();
  if (!name) return invalid(xsd, 'AwsAssetDataConnector name is required');
  const govCloud = s(data.isGovCloudConfigured) === 'true';
  const allRegions = s(data.allRegions) === 'true';
  // Seed 003: a GovCloud connector cannot pull all regions.
  if (govCloud && allRegions) return invalid(xsd, 'allRegions cannot be true when isGovCloudConfigured is true');
  const text = ctx.body.toString('utf8');
  const modules = [...(rawElement(text, 'activation') ?? '').matchAll(/<ActivationModule>\s*(\w+)\s*<\/ActivationModule>/g)].map((m) => m[1]);
  const c = { id: ctx.state.qps.newConnectorId(), name, govCloud, allRegions, disabled: s(data.disabled) === 'true', modules };
  ctx.state.qps.connectors.push(c);
  const region = govCloud ? 'us-gov-west-1' : 'us-east-1';
  return serviceResponse(
    xsd,
    'SUCCESS',
    `  <count>1</count>\n  <data>\n    <AwsAssetDataConnector>\n      <id>${c.id}</id>\n      <name>${escapeText(c.name)}</name>\n      <connectorState>PENDING</connectorState>\n      <type>AWS</type>\n      <defaultTags>\n        <list/>\n      </defaultTags>\n` +
      `      <activation>\n        <list>\n${modules.map((m) => `          <ActivationModule>${m}</ActivationModule>\n`).join('')}        </list>\n      </activation>\n      <disabled>${c.disabled}</disabled>\n      <isGovCloudConfigured>${govCloud}</isGovCloudConfigured>\n      <authRecord/>\n` +
      `      <endpoints>\n        <list>\n          <AwsEndpointSimple>\n            <regionCode>${region}</regionCode>\n          </AwsEndpointSimple>\n        </list>\n      </endpoints>\n      <allRegions>${allRegions}</allRegions>\n    </AwsAssetDataConnector>\n  </data>\n`,
  );
};
