/**
 * Run as a child process by responseXmlSize.test.ts, under a small heap: serves one host list page
 * whose host has a single text node (argv[3] 'text') or attribute value ('attribute') of argv[2]
 * megabytes, lists it through the public API and prints what came back as JSON. A parser whose
 * memory grows faster than the text runs out of heap.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createQualysClient, listHosts } from '../../../../client/src/api';

async function main(): Promise<void> {
  const size = Math.round(Number(process.argv[2] ?? 8) * 1024 * 1024);
  const text = 'Windows Server '.repeat(Math.ceil(size / 15)).slice(0, size);
  const field = process.argv[3] === 'attribute' ? `<USER_DEF><VALUE_1 ud_attr="${text}">x</VALUE_1></USER_DEF>` : `<OS>${text}</OS>`;
  const body = Buffer.from(`<?xml version="1.0" encoding="UTF-8" ?><HOST_LIST_OUTPUT><RESPONSE><DATETIME>2026-01-01T00:00:00Z</DATETIME><HOST_LIST><HOST><ID>1</ID><IP>10.0.0.1</IP>${field}</HOST></HOST_LIST></RESPONSE></HOST_LIST_OUTPUT>`);
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = createQualysClient({ where: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }, credentials: { username: 'u', password: 'p' } }, { retry: { attempts: 1 } });
  if (!client.ok) throw new Error(client.error.message);
  const started = process.cpuUsage();
  const pages = listHosts(client.value);
  const page = await pages.next();
  const cpuMs = (process.cpuUsage(started).user + process.cpuUsage(started).system) / 1000;
  await pages.return();
  const result = page.value!;
  const host = result.ok ? result.value.hosts[0] : undefined;
  const value = process.argv[3] === 'attribute' ? host?.userDefined[0]?.label : host?.os;
  process.stdout.write(JSON.stringify({ ok: result.ok, error: result.ok ? undefined : result.error.message, length: value?.length, matches: value === text.trim(), cpuMs: Math.round(cpuMs) }) + '\n');
  await client.value.close();
  server.close();
}

void main();
