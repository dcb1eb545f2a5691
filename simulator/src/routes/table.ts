// The route table: every path the simulator answers, with its methods. Paths have no trailing slash
// (Qualys accepts both spellings; the server strips it before lookup).
import type { Handler } from './types';
import { assetGroupRoute, excludedIpRoute, ipRoute, virtualHostRoute } from './assets';
import { authListRoute, authTypeRoute } from './auth';
import { compliancePolicyRoute, complianceScanRoute, postureInfoRoute } from './compliance';
import { hostRoute } from './host';
import { optionProfilePcRoute, optionProfileRoute } from './optionProfile';
import { applianceRoute, networkRoute } from './scanners';
import { agentConfigCreateRoute, agentConfigSearchRoute, awsConnectorCreateRoute } from './qps';
import { gatewayAuthRoute, pcrsHostIdsRoute, pcrsPolicyListRoute, pcrsPostureInfoRoute } from './pcrs';
import { faultsRoute, healthRoute } from './control';
import { AUTH_TYPES } from '../data/authRecords';
import { VM_ROUTES } from './vmTable';

export interface Route { methods: readonly string[]; handler: Handler }

const FO = ['GET', 'POST'] as const;

const exact = new Map<string, Route>([
  ['/api/2.0/fo/asset/host', { methods: FO, handler: hostRoute }],
  ['/api/2.0/fo/asset/group', { methods: FO, handler: assetGroupRoute }],
  ['/api/2.0/fo/asset/ip', { methods: FO, handler: ipRoute }],
  ['/api/2.0/fo/asset/excluded_ip', { methods: FO, handler: excludedIpRoute }],
  ['/api/2.0/fo/asset/vhost', { methods: FO, handler: virtualHostRoute }],
  ['/api/2.0/fo/appliance', { methods: FO, handler: applianceRoute }],
  ['/api/2.0/fo/network', { methods: FO, handler: networkRoute }],
  ['/api/2.0/fo/auth', { methods: FO, handler: authListRoute }],
  ['/api/2.0/fo/compliance/policy', { methods: FO, handler: compliancePolicyRoute }],
  ['/api/2.0/fo/compliance/posture/info', { methods: FO, handler: postureInfoRoute }],
  ['/api/2.0/fo/scan/compliance', { methods: FO, handler: complianceScanRoute }],
  ['/api/2.0/fo/subscription/option_profile', { methods: FO, handler: optionProfileRoute }],
  ['/api/2.0/fo/subscription/option_profile/pc', { methods: FO, handler: optionProfilePcRoute }],
  ['/qps/rest/1.0/create/ca/agentconfig', { methods: ['POST'], handler: agentConfigCreateRoute }],
  ['/qps/rest/1.0/search/ca/agentconfig', { methods: ['POST'], handler: agentConfigSearchRoute }],
  ['/qps/rest/2.0/create/awsassetdataconnector', { methods: ['POST'], handler: awsConnectorCreateRoute }],
  ['/auth', { methods: ['POST'], handler: gatewayAuthRoute }],
  ['/pcrs/1.0/posture/policy/list', { methods: ['GET'], handler: pcrsPolicyListRoute }],
  ['/pcrs/1.0/posture/hostids', { methods: ['GET'], handler: pcrsHostIdsRoute }],
  ['/pcrs/1.0/posture/postureInfo', { methods: ['POST'], handler: pcrsPostureInfoRoute }],
  ['/__simulator/health', { methods: ['GET'], handler: healthRoute }],
  ['/__simulator/faults', { methods: ['GET', 'POST'], handler: faultsRoute }],
]);

for (const type of AUTH_TYPES) exact.set(`/api/2.0/fo/auth/${type}`, { methods: FO, handler: authTypeRoute(type) });
for (const [path, route] of VM_ROUTES) exact.set(path, route);

export function findRoute(path: string): Route | undefined {
  return exact.get(path);
}
