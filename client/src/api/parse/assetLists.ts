/**
 * ASSET_GROUP_LIST_OUTPUT, APPLIANCE_LIST_OUTPUT and the network list: the IDs, titles and names
 * completion offers, and the few attributes worth showing beside them.
 */
import { apiError } from '../errors';
import { fail, ok, type Result } from '../result';
import { child, childText, children, parseXml, text } from '../xml';
import { compact } from './compact';
import type { Paged } from '../ops/paging';

export interface AssetGroup {
  readonly id: string;
  readonly title?: string;
  readonly networkId?: string;
  readonly businessImpact?: string;
  readonly applianceIds: readonly string[];
  readonly defaultApplianceId?: string;
  /** IP and IP_RANGE items of IP_SET, as Qualys writes them. */
  readonly ips: readonly string[];
}

export interface AssetGroupPage extends Paged {
  readonly datetime?: string;
  readonly groups: readonly AssetGroup[];
}

export interface Appliance {
  readonly id: string;
  readonly name?: string;
  readonly uuid?: string;
  readonly networkId?: string;
  readonly status?: string;
  readonly type?: string;
  readonly runningScans?: number;
}

export interface Network {
  readonly id: string;
  readonly name?: string;
  readonly applianceIds: readonly string[];
}

function split(list: string | undefined): string[] {
  return list ? list.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

function responseOf(body: string, root: string): Result<unknown> {
  const doc = parseXml(body);
  if (!doc.ok) return doc;
  if (doc.value.root !== root) return fail(apiError('malformed', `Expected ${root}, got ${doc.value.root}.`));
  return ok(child(doc.value.node, 'RESPONSE'));
}

export function parseAssetGroupList(body: string): Result<AssetGroupPage> {
  const response = responseOf(body, 'ASSET_GROUP_LIST_OUTPUT');
  if (!response.ok) return response;
  const groups = children(child(response.value, 'ASSET_GROUP_LIST'), 'ASSET_GROUP').map((g) => {
    const ipSet = child(g, 'IP_SET');
    return compact({
      id: childText(g, 'ID') ?? '',
      title: childText(g, 'TITLE'),
      networkId: childText(g, 'NETWORK_ID'),
      businessImpact: childText(g, 'BUSINESS_IMPACT'),
      applianceIds: split(childText(g, 'APPLIANCE_IDS')),
      defaultApplianceId: childText(g, 'DEFAULT_APPLIANCE_ID'),
      ips: [...children(ipSet, 'IP'), ...children(ipSet, 'IP_RANGE')].map((n) => text(n)).filter((s): s is string => !!s),
    });
  });
  const warningNode = child(response.value, 'WARNING');
  const warning = warningNode === undefined ? undefined : compact({ code: childText(warningNode, 'CODE'), text: childText(warningNode, 'TEXT'), url: childText(warningNode, 'URL') });
  return ok(compact({ datetime: childText(response.value, 'DATETIME'), groups: groups.filter((g) => g.id), warning }));
}

export function parseApplianceList(body: string): Result<Appliance[]> {
  const response = responseOf(body, 'APPLIANCE_LIST_OUTPUT');
  if (!response.ok) return response;
  return ok(
    children(child(response.value, 'APPLIANCE_LIST'), 'APPLIANCE')
      .map((a) => {
        const running = Number(childText(a, 'RUNNING_SCAN_COUNT'));
        return compact({
          id: childText(a, 'ID') ?? '',
          name: childText(a, 'NAME'),
          uuid: childText(a, 'UUID'),
          networkId: childText(a, 'NETWORK_ID'),
          status: childText(a, 'STATUS'),
          type: childText(a, 'TYPE'),
          runningScans: Number.isFinite(running) ? running : undefined,
        });
      })
      .filter((a) => a.id),
  );
}

/**
 * The network list. Qualys' documented sample puts RESPONSE at the root under a NETWORK_LIST
 * DOCTYPE; a NETWORK_LIST_OUTPUT root is read the same way.
 */
export function parseNetworkList(body: string): Result<Network[]> {
  const doc = parseXml(body);
  if (!doc.ok) return doc;
  const { root, node } = doc.value;
  if (root !== 'NETWORK_LIST_OUTPUT' && root !== 'RESPONSE') return fail(apiError('malformed', `Expected NETWORK_LIST_OUTPUT, got ${root}.`));
  const response = root === 'RESPONSE' ? node : child(node, 'RESPONSE');
  return ok(
    children(child(response, 'NETWORK_LIST'), 'NETWORK')
      .map((n) =>
        compact({
          id: childText(n, 'ID') ?? '',
          name: childText(n, 'NAME'),
          applianceIds: children(child(n, 'SCANNER_APPLIANCE_LIST'), 'SCANNER_APPLIANCE').map((a) => childText(a, 'ID')).filter((s): s is string => !!s),
        }),
      )
      .filter((n) => n.id !== ''),
  );
}
