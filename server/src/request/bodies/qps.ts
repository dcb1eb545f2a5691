/**
 * QPS ServiceRequest bodies: those of endpoints the catalog gives a `qpsObject`, and any XML body
 * whose root element is the QPS catalog's root. Diagnostics, completion and hover are qps/'s.
 */
import { loadQpsCatalog, type QpsCatalog } from '../../qps/qpsCatalog';
import type { QpsRequestContext } from '../../qps/qpsCatalogTypes';
import { qpsCompletion, qpsDiagnostics, qpsHover } from '../../qps/qpsFeatures';
import { QPS_SOURCE } from '../../qps/qpsMessages';
import { firstElementName } from '../../xml/xmlParser';
import type { RequestContext } from '../requestValidator';
import type { BodyEntry } from './bodyEntry';

/** What a request says of its QPS body: the object of the endpoint, the operation, the parts it takes. */
export function qpsContext({ endpoint, action, operation }: RequestContext): QpsRequestContext | undefined {
  if (!endpoint?.qpsObject && !action?.qps) return undefined;
  return {
    ...(endpoint?.qpsObject ? { object: endpoint.qpsObject } : {}),
    ...(operation ? { operation } : {}),
    ...(action?.qps?.parts ? { parts: action.qps.parts } : {}),
    ...(action?.qps?.forbiddenOperators ? { forbiddenOperators: action.qps.forbiddenOperators } : {}),
  };
}

export function qpsBodies(catalog: QpsCatalog = loadQpsCatalog()): BodyEntry {
  return {
    id: 'qps',
    source: QPS_SOURCE,
    appliesTo: ({ body, resolved }) => body.kind === 'xml' && (resolved.endpoint?.qpsObject !== undefined || firstElementName(body.text) === catalog.root),
    diagnostics: (document, { body, resolved }) => qpsDiagnostics(catalog, document, document.getText(), body.start, body.end, resolved.endpoint?.qpsObject, qpsContext(resolved)),
    completion: (document, { body, resolved }, offset) => qpsCompletion(catalog, document, document.getText(), body.start, body.end, offset, qpsContext(resolved)),
    hover: (document, { body, resolved }, offset) => qpsHover(catalog, document.getText(), body.start, body.end, offset, qpsContext(resolved)),
  };
}
