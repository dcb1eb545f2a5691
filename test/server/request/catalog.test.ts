import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { buildCatalog, CatalogError, loadRequestCatalog, mergeCatalogFiles, readCatalogFiles } from '../../../server/src/request/catalogLoader';
import { matchEndpoint } from '../../../server/src/request/endpointMatch';
import { buildQpsCatalog, loadQpsCatalog, mergeQpsFiles, readQpsFiles } from '../../../server/src/qps/qpsCatalog';

const raw = (): Record<string, unknown> => mergeCatalogFiles(readCatalogFiles());

test('the bundled catalog loads and covers every endpoint named in the seeds', () => {
  const catalog = loadRequestCatalog();
  const actions = (path: string) => [...(matchEndpoint(catalog, path)?.endpoint.actions.keys() ?? [])];
  for (const type of ['windows', 'unix', 'oracle', 'apache']) assert.deepEqual(actions(`/api/2.0/fo/auth/${type}/`), ['list', 'create', 'update', 'delete']);
  assert.deepEqual(actions('/api/2.0/fo/asset/host/'), ['list', 'update', 'purge']);
  assert.deepEqual(actions('/api/2.0/fo/compliance/posture/info/'), ['list']);
  assert.deepEqual(actions('/api/2.0/fo/compliance/policy/'), ['list', 'export', 'import', 'merge', 'add_asset_group_ids', 'remove_asset_group_ids', 'set_asset_group_ids', 'add_asset_tags', 'remove_asset_tags', 'set_asset_tags']);
  assert.deepEqual(actions('/api/2.0/fo/subscription/option_profile/pc/'), ['create', 'update', 'list', 'delete']);
  assert.deepEqual(actions('/api/2.0/fo/subscription/option_profile/'), ['export', 'import']);
  assert.deepEqual(actions('/api/2.0/fo/subscription/option_profile/vm/'), ['create', 'update', 'list', 'delete']);
  assert.deepEqual(actions('/api/2.0/fo/scan/compliance/'), ['list', 'launch', 'cancel', 'pause', 'resume', 'delete', 'fetch']);
  // The other record types of the reference: list for all, create/update/delete for application servers.
  assert.deepEqual(actions('/api/2.0/fo/auth/tomcat/'), ['list', 'create', 'update', 'delete']);
  assert.deepEqual(actions('/api/2.0/fo/auth/docker/'), ['list']);
  assert.deepEqual(actions('/api/2.0/fo/auth/ms_sql'), ['list']);
  assert.equal(matchEndpoint(catalog, '/api/2.0/fo/auth/made_up/'), undefined);
  assert.ok(matchEndpoint(catalog, '/pcrs/1.0/posture/postureInfo'));
  assert.ok(matchEndpoint(catalog, '/pcrs/1.0/posture/hostids'));
  assert.equal(matchEndpoint(catalog, '/qps/rest/1.0/create/ca/agentconfig/')?.endpoint.qpsObject, 'AgentConfig');
  assert.equal(matchEndpoint(catalog, '/qps/rest/1.0/update/ca/agentconfig/151889')?.operation, 'update');
  assert.equal(matchEndpoint(catalog, '/qps/rest/2.0/create/am/awsassetdataconnector')?.endpoint.qpsObject, 'AwsAssetDataConnector');
  assert.equal(matchEndpoint(catalog, '/qps/rest/2.0/create/awsassetdataconnector')?.endpoint.qpsObject, 'AwsAssetDataConnector');
});

test('every parameter names a listed source and has a description', () => {
  const catalog = loadRequestCatalog();
  for (const endpoint of catalog.endpoints) {
    for (const spec of endpoint.params.values()) {
      assert.ok(spec.source in catalog.sources, `${endpoint.path} ${spec.name}`);
      assert.ok(spec.description.length > 5, `${endpoint.path} ${spec.name}`);
    }
  }
});

test('the catalog holds the seed values exactly', () => {
  const catalog = loadRequestCatalog();
  const param = (path: string, action: string, name: string) => matchEndpoint(catalog, path)!.endpoint.actions.get(action)!.params.get(name)!;
  assert.deepEqual(param('/api/2.0/fo/auth/windows/', 'create', 'asset_type').values, ['ips', 'asset_tags', 'ip_range_tag_rule']);
  assert.deepEqual(param('/api/2.0/fo/asset/host/', 'update', 'new_tracking_method').values, ['IP', 'DNS', 'NETBIOS']);
  assert.equal(param('/api/2.0/fo/asset/host/', 'update', 'new_ud2').maxLength, 128);
  assert.deepEqual(param('/api/2.0/fo/subscription/option_profile/pc/', 'create', 'instance_data_collection_auth_types').values, ['MongoDB', 'Oracle', 'MySQL', 'MSSQL']);
  assert.deepEqual(param('/api/2.0/fo/subscription/option_profile/pc/', 'create', 'os_based_instance_disc_technologies').values, ['Oracle JRE']);
  assert.equal(param('/pcrs/1.0/posture/postureInfo', '', 'compressionRequired').default, '1');
  assert.equal(param('/pcrs/1.0/posture/postureInfo', '', 'evidenceRequired').default, '0');
});

test('a bad catalog is rejected at load with the entry named', () => {
  const withEdit = (edit: (root: Record<string, unknown>) => void): unknown => {
    const root = raw();
    edit(root);
    return root;
  };
  const endpoints = (root: Record<string, unknown>) => root.endpoints as Array<Record<string, unknown>>;
  // The auth record list first, wherever its family file sorts among the others.
  const first = (root: Record<string, unknown>) => endpoints(root).find((e) => e.path === '/api/2.0/fo/auth/')!;
  assert.throws(() => buildCatalog(withEdit((r) => ((first(r).params as Record<string, Record<string, unknown>>).title!.type = 'text'))), /endpoint \/api\/2\.0\/fo\/auth\/\.params\.title: unknown type 'text'/);
  assert.throws(() => buildCatalog(withEdit((r) => ((first(r).params as Record<string, Record<string, unknown>>).title!.source = 'a blog'))), /unknown source 'a blog'/);
  assert.throws(() => buildCatalog(withEdit((r) => ((first(r).actions as Record<string, Record<string, unknown>>).list!.params = ['nope']))), /parameter 'nope' has no definition/);
  assert.throws(() => buildCatalog(withEdit((r) => (first(r).rules = [{ kind: 'conflicts', params: ['title', 'ghost'], source: 'seed-000' }]))), /names 'ghost', which no action of the endpoint has/);
  assert.throws(() => buildCatalog(withEdit((r) => endpoints(r).push(first(r)))), /listed twice/);
  assert.throws(() => buildCatalog(withEdit((r) => (r.version = 2))), CatalogError);
  const posture = (r: Record<string, unknown>) => (r.jsonBodies as Record<string, { root: { items: { properties: Record<string, Record<string, unknown>> } } }>).postureInfo!;
  assert.throws(() => buildCatalog(withEdit((r) => (posture(r).root.items.properties.hostIds!.type = 'list'))), /jsonBodies\.postureInfo\.root\.items\.properties\.hostIds: unknown JSON type 'list'/);
  assert.throws(() => buildCatalog(withEdit((r) => (posture(r).root.items.properties.policyId!.source = 'a blog'))), /properties\.policyId: unknown source 'a blog'/);
  assert.throws(
    () => buildCatalog(withEdit((r) => ((endpoints(r).find((e) => e.path === '/pcrs/1.0/posture/postureInfo')!.actions as Record<string, Record<string, unknown>>)['']!.jsonBody = 'nope'))),
    /unknown jsonBody 'nope'/,
  );
});

test('the QPS catalog loads every performance key of seed 003 and rejects bad edits', () => {
  const qps = loadQpsCatalog();
  const keys = qps.keyValues.get('performanceKeys')!;
  assert.equal(keys.size, 16);
  assert.deepEqual([keys.get('INTERVAL_EVENT_STATUS')!.min, keys.get('INTERVAL_EVENT_STATUS')!.max], [300, 86400]);
  assert.deepEqual([keys.get('CPU_LIMIT')!.min, keys.get('CPU_LIMIT')!.max], [2, 100]);
  assert.deepEqual(keys.get('AGENT_LOGGING_LEVEL')!.values, ['Verbose', 'Info', 'Warn', 'Error', 'None']);
  const root = mergeQpsFiles(readQpsFiles());
  (root.rules as Array<Record<string, unknown>>)[0]!.object = 'Nothing';
  assert.throws(() => buildQpsCatalog(root), /names unknown elements/);
});

test('catalog files merge: endpoints in file order, a key defined twice is refused naming both files', () => {
  const merged = mergeCatalogFiles([
    { name: 'shared.json', json: { version: 1, sources: { a: 'A' } } },
    { name: 'x.json', json: { sources: { b: 'B' }, endpoints: [{ path: '/x/' }] } },
    { name: 'y.json', json: { endpoints: [{ path: '/y/' }] } },
  ]);
  assert.deepEqual(merged, { version: 1, sources: { a: 'A', b: 'B' }, endpoints: [{ path: '/x/' }, { path: '/y/' }] });
  assert.throws(
    () => mergeCatalogFiles([
      { name: 'shared.json', json: { version: 1, sources: { a: 'A' } } },
      { name: 'x.json', json: { sources: { a: 'other' } } },
    ]),
    (err: unknown) => err instanceof CatalogError && /x\.json sources\.a.*already defined in shared\.json/.test(err.message),
  );
  assert.equal(readCatalogFiles()[0]?.name, 'shared.json');
});

test('versions and knownPaths are checked at load', () => {
  const base = (endpoint: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    version: 1,
    sources: { s: 'S' },
    endpoints: [{ path: '/api/2.0/fo/thing/', family: 'f', title: 't', source: 's', actions: { list: { description: 'd', params: [] } }, ...endpoint }],
    ...extra,
  });
  const v = (spec: Record<string, unknown>) => base({ versions: spec });
  const catalog = buildCatalog(v({ '3.0': { description: 'three', source: 's', completeness: 'partial' } }));
  assert.deepEqual([...catalog.endpoints[0]!.versions!.values()], [{ version: '3.0', description: 'three', source: 's', partial: true }]);
  assert.equal(matchEndpoint(catalog, '/api/3.0/fo/thing/')?.version?.version, '3.0');
  assert.equal(matchEndpoint(catalog, '/api/3.0/fo/thing')?.endpoint.path, '/api/2.0/fo/thing/');
  assert.equal(matchEndpoint(catalog, '/api/4.0/fo/thing/'), undefined);
  assert.throws(() => buildCatalog(v({ three: { description: 'd', source: 's' } })), /versions\.three: a version is digits\.digits/);
  assert.throws(() => buildCatalog(v({ '2.0': { description: 'd', source: 's' } })), /2\.0 is the version of the path itself/);
  assert.throws(() => buildCatalog(v({ '3.0': { description: 'd', source: 'blog' } })), /versions\.3\.0: unknown source 'blog'/);
  assert.throws(() => buildCatalog(v({ '3.0': { description: 'd', source: 's', completeness: 'mostly' } })), /completeness is "partial" or absent/);
  assert.throws(() => buildCatalog(base({ path: '/auth', versions: { '2.0': { description: 'd', source: 's' } } })), /versions need a path with a version segment/);
  // A version may not claim a path another endpoint lists.
  const clash = v({ '3.0': { description: 'd', source: 's' } });
  (clash.endpoints as unknown[]).push({ path: '/api/3.0/fo/thing/', family: 'f', title: 't', source: 's', actions: { list: { description: 'd', params: [] } } });
  assert.throws(() => buildCatalog(clash), /\/api\/3\.0\/fo\/thing\/ is listed twice/);
  const known = (entry: Record<string, unknown>) => base({}, { knownPaths: [entry] });
  assert.equal(buildCatalog(known({ path: '/api/2.0/fo/other/', title: 'other', source: 's' })).knownPaths[0]!.title, 'other');
  assert.throws(() => buildCatalog(known({ path: '/api/2.0/fo/other/', title: 'other', source: 'blog' })), /known path \/api\/2\.0\/fo\/other\/: unknown source 'blog'/);
  assert.throws(() => buildCatalog(known({ path: 'api/other', title: 'other', source: 's' })), /must start with \//);
  assert.throws(() => buildCatalog(known({ path: '/x/', source: 's' })), /knownPaths\[0\]\.title: expected a string/);
});

test('knownPaths of every file are concatenated like endpoints', () => {
  const merged = mergeCatalogFiles([
    { name: 'shared.json', json: { version: 1, sources: { a: 'A' } } },
    { name: 'x.json', json: { knownPaths: [{ path: '/x/' }] } },
    { name: 'y.json', json: { knownPaths: [{ path: '/y/' }] } },
  ]);
  assert.deepEqual(merged.knownPaths, [{ path: '/x/' }, { path: '/y/' }]);
  assert.ok(loadRequestCatalog().knownPaths.every((known) => known.path.startsWith('/') && known.title.length > 2));
});

test('legacy (v1) entries: checked at load, and a replacement that names a catalog endpoint must name one of its actions', () => {
  const catalog = loadRequestCatalog();
  const v1 = catalog.endpoints.filter((e) => e.legacy);
  assert.ok(v1.length >= 20 && v1.every((e) => e.path.startsWith('/msp/') && e.legacy!.api === 'v1' && e.partial));
  assert.equal(matchEndpoint(catalog, '/msp/asset_group_list.php')?.endpoint.legacy?.replacedBy, '/api/2.0/fo/asset/group/?action=list');
  const edit = (change: (legacy: Record<string, unknown>) => void): unknown => {
    const root = raw();
    const entry = (root.endpoints as Array<Record<string, unknown>>).find((e) => e.path === '/msp/asset_group_list.php')!;
    change(entry.legacy as Record<string, unknown>);
    return root;
  };
  assert.throws(() => buildCatalog(edit((l) => (l.api = 'v0'))), /msp\/asset_group_list\.php\.legacy\.api: unknown API generation 'v0'/);
  assert.throws(() => buildCatalog(edit((l) => (l.source = 'a blog'))), /legacy: unknown source 'a blog'/);
  assert.throws(() => buildCatalog(edit((l) => (l.replacedBy = 'asset group list'))), /is not a v2 path/);
  assert.throws(() => buildCatalog(edit((l) => (l.replacedBy = '/api/2.0/fo/asset/group/?action=lsit'))), /\/api\/2\.0\/fo\/asset\/group\/ has no action 'lsit'/);
  assert.throws(() => buildCatalog(edit((l) => (l.replacedBy = '/api/2.0/fo/asset/group/'))), /has no action ''/);
  // A replacement outside the catalog is kept: the hint stays true while that family is not catalogued.
  assert.doesNotThrow(() => buildCatalog(edit((l) => (l.replacedBy = '/api/2.0/fo/not_yet_catalogued/?action=list'))));
});

test('the QPS catalog: every object an endpoint names exists, every object has an endpoint, Criteria fields name known operators', () => {
  const catalog = loadRequestCatalog();
  const qps = loadQpsCatalog();
  const named = new Set(catalog.endpoints.flatMap((e) => (e.qpsObject ? [e.qpsObject] : [])));
  for (const name of named) assert.ok(qps.objects.has(name), `${name} is named by an endpoint but not in server/data/qps/`);
  for (const name of qps.objects.keys()) assert.ok(named.has(name), `${name} has no endpoint`);
  for (const object of qps.objects.values()) {
    assert.ok(object.source in qps.sources, object.name);
    for (const field of object.criteria.values()) {
      assert.ok(field.source in qps.sources && field.description.length > 3, `${object.name}.${field.name}`);
      for (const op of field.operators) assert.ok(qps.operators.has(op), `${object.name}.${field.name}: ${op}`);
    }
  }
  // QPS endpoints choose their action by the {operation} of the path: each action is an operation.
  for (const endpoint of catalog.endpoints.filter((e) => e.path.includes('{operation}'))) {
    assert.equal(endpoint.hasAction, false, endpoint.path);
    assert.deepEqual([...endpoint.actions.keys()].sort(), [...(endpoint.operations ?? [])].sort(), endpoint.path);
  }
  const op = (path: string) => {
    const match = matchEndpoint(catalog, path)!;
    return match.endpoint.actions.get(match.operation!)!;
  };
  assert.equal(op('/qps/rest/2.0/search/am/tag').changesData, false);
  assert.equal(op('/qps/rest/2.0/uninstall/am/asset/12').changesData, true);
  assert.deepEqual(op('/qps/rest/2.0/uninstall/am/asset/12').qps?.forbiddenOperators, ['NOT EQUALS']);
  assert.deepEqual(op('/qps/rest/3.0/launch/was/wasscan').qps?.parts, ['data']);
  assert.equal(matchEndpoint(catalog, '/qps/rest/1.0/search/am/hostasset')?.endpoint.qpsObject, 'HostAsset');
  assert.equal(matchEndpoint(catalog, '/qps/rest/3.0/create/am/awsassetdataconnector')?.endpoint.qpsObject, 'AwsAssetDataConnector');
  // An unlisted operation still finds the object (the validator reports the operation).
  const unlisted = matchEndpoint(catalog, '/qps/rest/2.0/frobnicate/am/tag')!;
  assert.equal(unlisted.endpoint.qpsObject, 'Tag');
  assert.equal(unlisted.endpoint.actions.get(unlisted.operation!), undefined);
  assert.equal(matchEndpoint(catalog, '/qps/rest/2.0/search/am/tag/1/extra'), undefined);
});

test('a bad QPS catalog or QPS endpoint is rejected at load with the entry named', () => {
  const withEdit = (edit: (root: Record<string, Record<string, Record<string, unknown>>>) => void): unknown => {
    const root = mergeQpsFiles(readQpsFiles()) as Record<string, Record<string, Record<string, unknown>>>;
    edit(root);
    return root;
  };
  const field = (r: Record<string, Record<string, Record<string, unknown>>>) => (r.objects!.HostAsset!.criteria as Record<string, Record<string, unknown>>).lastCheckedIn!;
  assert.throws(() => buildQpsCatalog(withEdit((r) => (field(r).operators = ['BEFORE']))), /objects\.HostAsset\.criteria\.lastCheckedIn: unknown operator 'BEFORE'/);
  assert.throws(() => buildQpsCatalog(withEdit((r) => (field(r).type = 'datetime'))), /unknown criteria type 'datetime'/);
  assert.throws(() => buildQpsCatalog(withEdit((r) => (field(r).source = 'a blog'))), /unknown source 'a blog'/);
  assert.throws(() => buildQpsCatalog(withEdit((r) => (field(r).values = ['X']))), /only keyword fields have values/);
  assert.throws(() => buildQpsCatalog(withEdit((r) => (r.objects!.Tag!.source = undefined))), /objects\.Tag: an object needs a source/);
  assert.throws(
    () => mergeQpsFiles([{ name: 'shared.json', json: { version: 1, objects: { A: {} } } }, { name: 'was.json', json: { objects: { A: {} } } }]),
    /was\.json objects\.A: already defined in shared\.json/,
  );
  assert.throws(() => mergeQpsFiles([{ name: 'was.json', json: { root: 'X' } }]), /'root' belongs in shared\.json/);
  assert.equal(readQpsFiles()[0]?.name, 'shared.json');

  const endpoint = (r: Record<string, unknown>) => (r.endpoints as Array<Record<string, unknown>>).find((e) => e.path === '/qps/rest/2.0/{operation}/am/tag/{id}')!;
  const requestEdit = (edit: (root: Record<string, unknown>) => void): unknown => {
    const root = raw();
    edit(root);
    return root;
  };
  assert.throws(() => buildCatalog(requestEdit((r) => (endpoint(r).operations = ['search']))), /action 'count' is not one of its operations/);
  assert.throws(() => buildCatalog(requestEdit((r) => (((endpoint(r).actions as Record<string, Record<string, unknown>>).search!.qps = { parts: ['body'] })))), /unknown part 'body'/);
});
