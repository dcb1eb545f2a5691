import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { call, dtdErrors, REF_DTD, tagValues, withSim } from './helpers';
import { join } from 'node:path';

test('host list pages follow WARNING/URL with id_min until done: ids ascend, none repeats, all hosts seen', async () => {
  await withSim({ hosts: 250, pageSize: 100 }, async (sim) => {
    const seen: number[] = [];
    let path: string | undefined = '/api/2.0/fo/asset/host/?action=list&details=Basic';
    let pages = 0;
    while (path) {
      const r = await call(sim, path);
      assert.equal(r.status, 200);
      pages++;
      seen.push(...tagValues(r.text, 'ID').map(Number));
      const url = /<URL><!\[CDATA\[(.*?)\]\]><\/URL>/.exec(r.text)?.[1];
      if (url) {
        assert.match(r.text, /<CODE>1980<\/CODE>/);
        assert.ok(url.startsWith(sim.url));
        assert.match(url, /id_min=\d+/);
      }
      path = url?.slice(sim.url.length);
    }
    assert.equal(pages, 3);
    assert.equal(seen.length, 250);
    assert.equal(new Set(seen).size, 250);
    for (let k = 1; k < seen.length; k++) assert.ok(seen[k] > seen[k - 1], 'ids ascend');
  });
});

test('details=All carries USER_DEF with ud_attr and the GLOSSARY labels, DNS_DATA, and validates against host_list_output.dtd', async () => {
  await withSim({ hosts: 60 }, async (sim) => {
    const r = await call(sim, '/api/2.0/fo/asset/host/?action=list&details=All/AGs&show_tags=1&host_metadata=all&show_asset_id=1&show_cloud_tags=1&show_ars=1');
    assert.equal(r.status, 200);
    assert.match(r.text, /<VALUE_1 ud_attr="Location"><!\[CDATA\[/);
    assert.match(r.text, /<GLOSSARY>\s*<USER_DEF>\s*<LABEL_1><!\[CDATA\[Location\]\]><\/LABEL_1>/);
    assert.match(r.text, /<DNS_DATA>\s*<HOSTNAME>/);
    assert.match(r.text, /<METADATA>\s*<EC2>\s*<ATTRIBUTE>/);
    assert.match(r.text, /<TAGS>\s*<TAG>\s*<TAG_ID>/);
    assert.match(r.text, /<ASSET_GROUP_IDS>\d+<\/ASSET_GROUP_IDS>[\s\S]*<ASSET_GROUP_LIST>\s*<ASSET_GROUP>\s*<ID>\d+<\/ID>\s*<TITLE>/);
    assert.equal(dtdErrors(r.text, join(REF_DTD, 'host_list_output.dtd')), '');
  });
});
