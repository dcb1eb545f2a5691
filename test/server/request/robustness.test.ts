import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { QpsService } from '../../../server/src/qps/qpsService';
import { RequestService } from '../../../server/src/request/requestService';
import { makeDocument, token } from './helpers';

const samples = join(__dirname, '..', '..', '..', 'samples', 'requests');

// Whatever half of a file is on screen, every feature answers and none throws: each sample is cut
// at many points and every feature is asked at the cut, as while typing it from the top.
test('every prefix of every sample gets diagnostics, completion and hover without an exception', () => {
  const service = new RequestService();
  let asked = 0;
  for (const file of readdirSync(samples).filter((name) => name.endsWith('.qualys'))) {
    const text = readFileSync(join(samples, file), 'utf8');
    for (let cut = 0; cut <= text.length; cut += 5) {
      const document = makeDocument(text.slice(0, cut));
      const end = document.positionAt(cut);
      assert.ok(Array.isArray(service.diagnostics(document, token)));
      service.completion(document, end, token);
      service.hover(document, end, token);
      service.codeLenses(document, token);
      asked++;
    }
  }
  assert.ok(asked > 1000);
});

test('garbage and broken XML do not throw', () => {
  const service = new RequestService();
  const qps = new QpsService();
  const inputs = ['', '###', '### \n\n\n', 'GET', 'GET ?&&==&', 'POST {{\n\n<<<<', '<ServiceRequest><data><AgentConfig><<//>', 'GET {{baseUrl}}/qps/rest/1.0/create/ca/agentconfig/\n\n<ServiceRequest><![CDATA[', '@=\n@a\n{{}}', '\u0000\uFFFF%%%&=%ZZ', 'POST {{gatewayUrl}}/pcrs/1.0/posture/postureInfo\nContent-Type: application/json\n\n[{"policyId":{{x', 'POST {{gatewayUrl}}/pcrs/1.0/posture/postureInfo\nContent-Type: application/json\n\n"\\u12', 'POST {{baseUrl}}/api/2.0/fo/subscription/option_profile/?action=import\nContent-Type: text/xml\n\n<OPTION_PROFILES><!DOCTYPE x [<!ENTITY a "&a;">]>&a;'];
  for (const input of inputs) {
    for (const languageId of ['qualys-request', 'http']) {
      const document = makeDocument(input, languageId);
      service.diagnostics(document, token);
      for (let offset = 0; offset <= input.length; offset++) service.completion(document, document.positionAt(offset), token);
    }
    const xml = makeDocument(input, 'xml');
    qps.diagnostics(xml, token);
    for (let offset = 0; offset <= input.length; offset++) {
      qps.completion(xml, xml.positionAt(offset));
      qps.hover(xml, xml.positionAt(offset));
    }
  }
});
