/**
 * Every operation the client performs, marked read-only or mutating. Read-only operations are
 * retried with backoff; mutating ones never are, and the UI asks before it runs them.
 */

export interface OperationInfo {
  readonly id: string;
  readonly title: string;
  readonly mutating: boolean;
}

function op(id: string, title: string, mutating: boolean): OperationInfo {
  return { id, title, mutating };
}

export const OPERATIONS = {
  hostList: op('host.list', 'List hosts', false),
  hostUpdate: op('host.update', 'Update hosts', true),
  authTypes: op('auth.types', 'List authentication record types', false),
  authList: op('auth.list', 'List authentication records', false),
  authCreate: op('auth.create', 'Create an authentication record', true),
  authUpdate: op('auth.update', 'Update authentication records', true),
  policyList: op('policy.list', 'List compliance policies', false),
  postureInfo: op('posture.info', 'List compliance posture', false),
  optionProfileExport: op('optionProfile.export', 'Export option profiles', false),
  assetGroupList: op('assetGroup.list', 'List asset groups', false),
  applianceList: op('appliance.list', 'List scanner appliances', false),
  networkList: op('network.list', 'List networks', false),
  optionProfileImport: op('optionProfile.import', 'Import option profiles', true),
  gatewayAuth: op('gateway.auth', 'Get a gateway token', false),
  // VM lists for completion values (issue 9).
  scanList: op('scan.list', 'List scans', false),
  reportList: op('report.list', 'List reports', false),
  reportTemplateList: op('reportTemplate.list', 'List report templates', false),
  searchListList: op('searchList.list', 'List search lists', false),
  // Vulnerabilities (issue 12).
  detectionList: op('detection.list', 'List host detections', false),
  knowledgeBaseList: op('knowledgeBase.list', 'List KnowledgeBase entries', false),
  pcrsHostIds: op('pcrs.hostids', 'Resolve posture host IDs', false),
  pcrsPostureInfo: op('pcrs.postureInfo', 'Fetch posture (PCRS)', false),
  send: op('send', 'Send a request', false),
  sendMutating: op('send.mutating', 'Send a request that changes data', true),
} as const;

/** FO `action` values that only read. Everything else that is not listed is treated as mutating. */
const READ_ACTIONS = new Set(['list', 'export', 'fetch', 'search', 'count', 'get', 'download', 'status', 'info', 'show']);

/** Read-only POST endpoints outside FO (their body is a query, not a change). */
const READ_ONLY_POST_PATHS = [
  /^\/pcrs\/[\d.]+\/posture\/postureInfo\/?$/i,
  /^\/qps\/rest\/[\d.]+\/(search|count|get)\//i,
  /^\/auth\/?$/,
  // API v1 list scripts (report_template_list.php, user_list.php...): reads without an action.
  /^\/msp\/[a-z_]+_list\.php$/i,
];

/**
 * Whether a free-form request (the request file's "Send Request") changes data, judged from its
 * method, path and action parameter. Unknown shapes count as mutating: asking once too often is
 * cheaper than retrying a change.
 */
export function isMutatingRequest(method: string, path: string, params: ReadonlyMap<string, string> | Record<string, string>): boolean {
  const m = method.toUpperCase();
  const get = (k: string): string | undefined => (params instanceof Map ? params.get(k) : (params as Record<string, string>)[k]);
  const action = get('action');
  if (path.includes('/api/') && path.includes('/fo/') && action !== undefined) return !READ_ACTIONS.has(action.toLowerCase());
  const qps = /^\/qps\/rest\/[\d.]+\/(\w+)\//i.exec(path);
  if (qps) return !READ_ACTIONS.has(qps[1]!.toLowerCase());
  if (m === 'GET' || m === 'HEAD' || m === 'OPTIONS') return false;
  return !READ_ONLY_POST_PATHS.some((re) => re.test(path));
}
