/**
 * The asset, network, appliance, session, activity log, subscription, compliance and v1 entries of
 * the catalog: completion, hover with sources, the mistakes they catch and the real calls they accept.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { loadRequestCatalog } from '../../../server/src/request/catalogLoader';
import { RequestService } from '../../../server/src/request/requestService';
import { completionItems, completionLabels, diagnosticsOf, hoverText, makeDocument, marked, post, token } from './helpers';

const errorsAndWarnings = (text: string, languageId = 'qualys-request') =>
  diagnosticsOf(text, languageId).filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning);

test('each new endpoint completes its actions', () => {
  const actions = (path: string) => completionLabels(`GET {{baseUrl}}${path}?|`).filter((l) => l.startsWith('action='));
  assert.deepEqual(actions('/api/2.0/fo/asset/ip/'), ['action=list', 'action=add', 'action=update']);
  assert.deepEqual(actions('/api/2.0/fo/asset/group/'), ['action=list', 'action=add', 'action=edit', 'action=delete']);
  assert.deepEqual(actions('/api/2.0/fo/asset/vhost/'), ['action=list', 'action=create', 'action=update', 'action=delete', 'action=add_fqdn', 'action=delete_fqdn']);
  assert.deepEqual(actions('/api/2.0/fo/asset/excluded_ip/'), ['action=list', 'action=add', 'action=remove', 'action=remove_all']);
  assert.deepEqual(actions('/api/2.0/fo/asset/excluded_ip/history/'), ['action=list']);
  assert.deepEqual(actions('/api/2.0/fo/network/'), ['action=list', 'action=create', 'action=update']);
  assert.deepEqual(actions('/api/2.0/fo/appliance/'), ['action=list', 'action=create', 'action=update', 'action=delete', 'action=assign_network_id']);
  assert.deepEqual(actions('/api/2.0/fo/session/'), ['action=login', 'action=logout']);
  assert.deepEqual(actions('/api/2.0/fo/activity_log/'), ['action=list']);
  assert.deepEqual(actions('/api/2.0/fo/subscription/'), ['action=export', 'action=import']);
  assert.deepEqual(actions('/api/2.0/fo/compliance/control/'), ['action=list']);
  assert.deepEqual(actions('/api/2.0/fo/compliance/exception/'), ['action=list', 'action=request', 'action=create', 'action=update', 'action=delete']);
  assert.deepEqual(actions('/msp/user.php'), ['action=add', 'action=edit', 'action=activate', 'action=deactivate']);
});

test('asset group edit completes the add_/remove_/set_ parameters, not the add names; values complete', () => {
  const edit = completionLabels(post('/api/2.0/fo/asset/group/', 'action=edit&id=1&|'));
  for (const name of ['add_ips', 'remove_ips', 'set_ips', 'set_title', 'add_appliance_ids', 'set_default_appliance_id', 'set_cvss_enviro_cdp']) assert.ok(edit.includes(name), name);
  assert.ok(!edit.includes('ips') && !edit.includes('title') && !edit.includes('network_id'), 'add names and the network are not edit parameters');
  assert.deepEqual(completionLabels(post('/api/2.0/fo/asset/group/', 'action=add&title=x&business_impact=|')), ['critical', 'high', 'medium', 'low', 'none']);
  assert.deepEqual(completionLabels(post('/api/2.0/fo/asset/group/', 'action=add&title=x&cvss_enviro_cdp=|')), ['high', 'medium-high', 'low-medium', 'low', 'none']);
  // An open list: the known attribute names are offered item by item.
  const attrs = completionItems('GET {{baseUrl}}/api/2.0/fo/asset/group/?action=list&show_attributes=TITLE,|');
  assert.ok(attrs.some((i) => i.label === 'IP_SET'));
  assert.deepEqual(completionLabels('GET {{baseUrl}}/api/2.0/fo/appliance/?action=list&output_mode=|'), ['brief', 'full']);
});

test('hover on new parameters and endpoints names their source', () => {
  const addIps = hoverText(post('/api/2.0/fo/asset/group/', 'action=edit&id=1&add_i|ps=10.0.0.1'));
  assert.match(addIps, /\*\*add_ips\*\* \(ipList\)/);
  assert.match(addIps, /Source: Qualys\/community|Source: reference\/qualys\/postman/);
  const setIps = hoverText(post('/api/2.0/fo/asset/group/', 'action=edit&id=1&set_i|ps=10.0.0.1'));
  assert.match(setIps, /terraform-provider-qualys.*Quick Reference/);
  const interval = hoverText(post('/api/2.0/fo/appliance/', 'action=create&name=x&polling_inter|val=200'));
  assert.match(interval, /Limits: min 60, max 3600/);
  assert.match(interval, /Default: `180`/);
  const exceptions = hoverText('GET {{baseUrl}}/api/2.0/fo/compliance/exce|ption/?action=list');
  assert.match(exceptions, /\*\*Compliance exceptions\*\*/);
  assert.match(exceptions, /action=request.*changes data/);
  assert.match(exceptions, /docs\.qualys\.com\/en\/vm\/api\/pc\/exceptions/);
  assert.match(hoverText('POST {{baseUrl}}/api/2.0/fo/compliance/exception/\n\naction=request&host_i|d=5'), /Conditions: required when instance_string is given/);
});

test('real mistakes are still caught on the new entries', () => {
  assert.deepEqual(marked(post('/api/2.0/fo/asset/group/', 'action=edit&add_ips=10.0.0.1')), [['missing-required', '{{baseUrl}}/api/2.0/fo/asset/group/']]);
  assert.deepEqual(marked(post('/api/2.0/fo/asset/group/', 'action=add&title=x&business_impact=urgent')), [['bad-value', 'urgent']]);
  assert.deepEqual(marked(post('/api/2.0/fo/asset/group/', 'action=edit&id=1&ips=10.0.0.1')), [['parameter-not-for-action', 'ips']]);
  assert.deepEqual(marked(post('/api/2.0/fo/asset/group/', 'action=lsit')), [['unknown-action', 'lsit']]);
  // A parameter given twice with different values still is: Qualys keeps only the last.
  assert.deepEqual(marked('POST {{baseUrl}}/api/2.0/fo/asset/group/?action=list\nContent-Type: application/x-www-form-urlencoded\n\naction=delete&id=1\n'), [['duplicate', 'action']]);
  // The Shuffle app's calls without action (listed real mistakes of the corpus).
  assert.deepEqual(marked('GET {{baseUrl}}/api/2.0/fo/network\n').map(([code]) => code), ['missing-action']);
  assert.deepEqual(marked(post('/api/2.0/fo/asset/excluded_ip/', 'action=remove_all&ips=10.0.0.1')), [['parameter-not-for-action', 'ips']]);
  assert.deepEqual(marked(post('/api/2.0/fo/asset/vhost/', 'action=create&ip=10.0.0.1&port=70000&fqdn=a.example.com')), [['bad-value', '70000']]);
  assert.deepEqual(marked(post('/api/2.0/fo/asset/vhost/', 'action=create&ip=10.0.0.1-10.0.0.9&port=80&fqdn=a.example.com')), [['condition', '10.0.0.1-10.0.0.9']]);
  assert.deepEqual(marked(post('/api/2.0/fo/asset/ip/', 'action=update&owner=joe')), [['missing-required', '{{baseUrl}}/api/2.0/fo/asset/ip/']]);
  assert.deepEqual(marked(post('/api/2.0/fo/appliance/', 'action=create&name=x&polling_interval=30')), [['bad-value', '30']]);
  assert.deepEqual(marked(post('/api/2.0/fo/compliance/exception/', 'action=update&exception_numbers=5&comments=x&end_date=31.12.2026')), [['bad-format', '31.12.2026']]);
  assert.deepEqual(marked(post('/api/2.0/fo/compliance/exception/', 'action=request&control_id=1&policy_id=2&technology_id=3&assignee_id=4&comments=x&instance_string=os')), [['missing-required', 'instance_string=os']]);
  assert.deepEqual(marked(post('/api/2.0/fo/compliance/policy/', 'action=add_asset_group_ids&id=1')), [['missing-required', '{{baseUrl}}/api/2.0/fo/compliance/policy/']]);
  assert.deepEqual(marked(post('/api/2.0/fo/network/', 'action=create')), [['missing-required', '{{baseUrl}}/api/2.0/fo/network/']]);
  assert.deepEqual(marked(post('/msp/user.php', 'action=add&user_role=auditor&business_unit=Unassigned')), [['bad-value', 'auditor']]);
  // A near miss of a known name on a partial entry: a warning with the name meant.
  const nearMiss = diagnosticsOf(post('/api/2.0/fo/asset/group/', 'action=edit&id=1&add_ip=10.0.0.1'));
  assert.deepEqual(nearMiss.map((d) => [d.code, d.severity, /Did you mean 'add_ips'/.test(d.message)]), [['unknown-parameter', DiagnosticSeverity.Warning, true]]);
});

test('real calls from Qualys samples and scripts draw no error or warning', () => {
  const calls = [
    // Qualys' Postman collection
    post('/api/2.0/fo/asset/ip/', 'action=add&enable_vm=1&enable_certview=1&tracking_method=IP&ips=10.10.30.1-10.10.30.50'),
    'POST {{baseUrl}}/api/2.0/fo/asset/group/?action=list\nContent-Type: application/x-www-form-urlencoded\n\noutput_format=xml&truncation_limit=1000&title=Value&show_attributes=All\n',
    'POST {{baseUrl}}/api/2.0/fo/asset/group/?action=edit\nContent-Type: application/x-www-form-urlencoded\n\nid=395752377&add_ips=10.0.0.1\n',
    post('/api/2.0/fo/appliance/', 'action=list&output_mode=full&scan_detail=1'),
    post('/api/2.0/fo/activity_log/', 'action=list&user_action=login&output_format=CSV&since_datetime=2020-01-01 10:00:00'),
    'POST {{baseUrl}}/msp/user.php?action=edit&login=user_name&ui_interface_style=accessible_high_contrast\n',
    post('/msp/ignore_vuln.php', 'action=ignore&qids=90477&comments=LBS - Test&ips=10.20.30.14&reopen_ignored_days=10'),
    // Qualys' API Doc Center samples
    post('/api/2.0/fo/appliance/', 'action=assign_network_id&appliance_id=506&network_id=1002'),
    post('/api/2.0/fo/network/', 'id=1130&action=update&name=Network 123'),
    'GET {{baseUrl}}/api/2.0/fo/network/?action=list&ids=7343,7345,7350\n',
    post('/api/2.0/fo/asset/vhost/', 'action=delete_fqdn&ip=10.10.25.212&port=80&fqdn=www.abc123abc.com'),
    // Qualys' API_Driven_Migration scripts
    'GET {{baseUrl}}/api/2.0/fo/asset/group/?action=list&show_attributes=ALL\n',
    'GET {{baseUrl}}/api/2.0/fo/asset/group/?action=list&show_attributes=ID,TITLE\n',
    'GET {{baseUrl}}/api/2.0/fo/asset/ip/?action=list&compliance_enabled=0&certview_enabled=0&tracking_method=IP\n',
    'GET {{baseUrl}}/api/2.0/fo/appliance/?action=create&name=scanner1&polling_interval=180&asset_group=Servers\n',
    'GET {{baseUrl}}/api/2.0/fo/subscription/index.php?action=export\n',
    'GET {{baseUrl}}/api/2.0/fo/compliance/policy/?action=export&show_user_controls=1&show_appendix=0&id=1234\n',
    'POST {{baseUrl}}/api/2.0/fo/compliance/policy?action=set_asset_group_ids&id=1234&asset_group_ids=55,56\n',
    'GET {{baseUrl}}/api/2.0/fo/compliance/exception/?action=list&details=All&status=Pending&truncation_limit=100\n',
    'GET {{baseUrl}}/msp/asset_domain.php?action=add&domain=corp.example.com&netblock=10.0.0.1-10.0.0.255\n',
    // docs.qualys.com samples
    post('/api/2.0/fo/compliance/exception/', 'action=update&exception_numbers=55&status=Approved&end_date=12/16/2015&comments=status change'),
    post('/api/2.0/fo/compliance/exception/', 'action=delete&exception_numbers=40-41'),
    'GET https://qualysapi.qualys.com/msp/ticket_list.php?show_vuln_details=1&modified_since_datetime=2011-01-01\n',
    // Found in the real-call corpus: filters on the virtual host list (XSOAR, qualysapi), YYYY-MM-DD end
    // dates (Qualys' migration scripts), the same action in query and body (Qualys' Postman collection),
    // the v1 calls of Qualys' community scripts.
    'GET {{baseUrl}}/api/2.0/fo//asset/vhost/?action=list&port=443&ip=10.0.0.20\n',
    'POST {{baseUrl}}/api/2.0/fo/compliance/exception/?action=update&exception_numbers=1012,1013&comments=Migrated&status=Approved&end_date=2026-12-31\n',
    'POST {{baseUrl}}/api/2.0/fo/asset/excluded_ip/?action=list\nContent-Type: application/x-www-form-urlencoded\n\naction=list\n',
    'POST {{baseUrl}}/msp/user.php?action=edit&login=user_name&user_role=scanner&business_unit=avengerBU\n',
    'GET {{baseUrl}}/msp/scheduled_scans.php?drop_task=yes&task_id=188273\n',
    'GET {{baseUrl}}/msp/asset_ip.php?action=add&host_ips=10.10.20.5&ud3=TAG-0042&comment=Added+by+script\n',
    'GET {{baseUrl}}/msp/scan_options.php?loadbalancer=yes&ports=standard&scandeadhosts=no\n',
  ];
  for (const call of calls) assert.deepEqual(errorsAndWarnings(call).map((d) => d.message), [], call);
});

test('a v1 call with a v2 replacement gets an information hint on its path; hover says v1 and names the replacement', () => {
  const text = 'GET {{baseUrl}}/msp/asset_group_list.php\n';
  const diagnostics = diagnosticsOf(text);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['legacy-api', DiagnosticSeverity.Information]]);
  assert.match(diagnostics[0]!.message, /Qualys API v1 call\. Qualys still serves it; the v2 call \/api\/2\.0\/fo\/asset\/group\/\?action=list replaces it\./);
  assert.deepEqual(marked(text), [['legacy-api', '/msp/asset_group_list.php']]);
  assert.deepEqual(diagnosticsOf('GET {{baseUrl}}/msp/user_list.php\n'), [], 'no v2 call replaces user_list.php: no hint');
  const hover = hoverText('GET {{baseUrl}}/msp/asset_gro|up_list.php');
  assert.match(hover, /Qualys API v1 \(a legacy `\/msp\/` call\): still served\. The v2 call `\/api\/2\.0\/fo\/asset\/group\/\?action=list` replaces it\./);
  assert.match(hoverText('GET {{baseUrl}}/msp/user_li|st.php'), /No v2 call replaces it\./);
});

test('v1 calls in REST Client files are Qualys requests on a Qualys host or {{baseUrl}}, not on another product\'s host', () => {
  const http = 'GET https://qualysapi.qualys.com/msp/asset_group_list.php\n\n###\nGET {{baseUrl}}/msp/scan_report_list.php\n\n###\nGET https://example.com/msp/login.php\n';
  assert.deepEqual(diagnosticsOf(http, 'http').map((d) => [d.code, d.range.start.line]), [['legacy-api', 0], ['legacy-api', 3]]);
  assert.equal(new RequestService().codeLenses(makeDocument(http, 'http'), token).length, 2);
});

const NEW_FAMILIES = new Set(['asset-ips', 'asset-groups', 'asset-vhosts', 'asset-excluded-ips', 'networks', 'appliances', 'session', 'activity-log', 'subscription', 'v1']);

test('every entry of the new families: the path hovers its title and source, every action and parameter completes and hovers with its source', () => {
  const catalog = loadRequestCatalog();
  const entries = catalog.endpoints.filter((e) => NEW_FAMILIES.has(e.family) || /\/compliance\/(policy|control|exception)\//.test(e.path));
  assert.ok(entries.length >= 45, `${entries.length} entries`);
  for (const endpoint of entries) {
    const path = endpoint.path;
    const pathHover = hoverText(`GET {{baseUrl}}${path.slice(0, 5)}|${path.slice(5)}`);
    assert.ok(pathHover.includes(`**${endpoint.title}**`), `${path}: title`);
    assert.ok(pathHover.includes(catalog.sources[endpoint.source]!), `${path}: source`);
    for (const action of endpoint.actions.values()) {
      const prefix = action.name ? `action=${action.name}&` : '';
      const offered = completionLabels(`POST {{baseUrl}}${path}?${prefix}|`);
      for (const name of action.params.keys()) {
        assert.ok(offered.includes(name), `${path} ${action.name}: ${name} completes`);
        const hover = hoverText(`POST {{baseUrl}}${path}\nContent-Type: application/x-www-form-urlencoded\n\n${prefix}${name.slice(0, 1)}|${name.slice(1)}=1`);
        const spec = action.params.get(name)!;
        assert.ok(hover.startsWith(`**${name}**`), `${path} ${action.name}: ${name} hovers`);
        assert.ok(hover.includes(`_Source: ${catalog.sources[spec.source]}_`), `${path} ${action.name}: ${name} names its source`);
      }
    }
  }
});
