// The KnowledgeBase of the generated account: a fixed pool of QIDs, each a pure function of (seed, index).
// Detections (detections.ts) draw their QIDs from this pool, so every QID a host carries has an entry.
// Titles, CVEs and texts are plausible, not copied from Qualys' KnowledgeBase.
import { DATA_EPOCH_MS, hash, isoSeconds, pick } from '../rng';
import type { KbCustomization } from '../xml/kbXml';

export type VulnType = 'Vulnerability' | 'Potential Vulnerability' | 'Information Gathered';
/** Which hosts a QID can be found on. */
export type Platform = 'windows' | 'linux' | 'any';

export interface Vuln {
  qid: number;
  type: VulnType;
  severity: number;
  title: string;
  category: string;
  platform: Platform;
  published: string;
  modified: string;
  patchable: boolean;
  cves: string[];
  cvss: { base: number; temporal: number; vector: string };
  cvss3: { base: number; temporal: number; vector: string };
  diagnosis: string;
  consequence: string;
  solution: string;
  remote: boolean;
  authTypes: string[];
  /** Where a detection of it is found: a TCP/UDP service or the host itself. */
  port?: { port: number; protocol: 'tcp' | 'udp'; service: string; ssl: boolean };
  pciFlag: boolean;
  threatIntel: { id: number; text: string }[];
  /** SOFTWARE_LIST: the affected product as Qualys names it (lower case, underscores). */
  software: { product: string; vendor: string }[];
  /** VENDOR_REFERENCE_LIST: the vendor's advisory (a Microsoft KB, an RHSA, a USN, an ALAS...). */
  vendorRefs: { id: string; url: string }[];
}

interface Family {
  category: string;
  platform: Platform;
  firstQid: number;
  vendor: string;
  products: readonly string[];
  remote: boolean;
  authTypes: readonly string[];
  port?: Vuln['port'];
  /** How the vendor names its advisories; undefined when it publishes none the KB would list. */
  advisory?: (year: number, n: number) => { id: string; url: string };
}

// Advisory name patterns as the vendors publish them (Microsoft KB articles, Red Hat RHSA, Ubuntu USN,
// Amazon ALAS); the numbers are generated.
const MICROSOFT_KB = (_y: number, n: number) => ({ id: `KB${5000000 + (n % 100000)}`, url: `https://support.microsoft.com/kb/${5000000 + (n % 100000)}` });
const RHSA = (y: number, n: number) => ({ id: `RHSA-${y}:${1000 + (n % 9000)}`, url: `https://access.redhat.com/errata/RHSA-${y}:${1000 + (n % 9000)}` });
const USN = (_y: number, n: number) => ({ id: `USN-${4000 + (n % 3000)}-1`, url: `https://ubuntu.com/security/notices/USN-${4000 + (n % 3000)}-1` });
const ALAS = (y: number, n: number) => ({ id: `ALAS-${y}-${1000 + (n % 2000)}`, url: `https://alas.aws.amazon.com/ALAS-${y}-${1000 + (n % 2000)}.html` });

// QID ranges follow the way Qualys numbers its categories (e.g. 90000s Windows, 38000s general remote services).
const FAMILIES: readonly Family[] = [
  { category: 'Windows', platform: 'windows', firstQid: 91000, vendor: 'Microsoft', products: ['Windows', 'Windows SMB Server', 'Windows Kernel', 'Windows Print Spooler'], remote: false, authTypes: ['Windows'], advisory: MICROSOFT_KB },
  { category: 'Office Application', platform: 'windows', firstQid: 110400, vendor: 'Microsoft', products: ['Office', 'Excel', 'Outlook'], remote: false, authTypes: ['Windows'], advisory: MICROSOFT_KB },
  { category: 'Internet Explorer', platform: 'windows', firstQid: 100400, vendor: 'Microsoft', products: ['Edge (Chromium)', 'Internet Explorer'], remote: false, authTypes: ['Windows'], advisory: MICROSOFT_KB },
  { category: 'Local', platform: 'windows', firstQid: 376000, vendor: 'Oracle', products: ['Java SE', 'VirtualBox', 'MySQL Connector'], remote: false, authTypes: ['Windows'] },
  { category: 'RedHat', platform: 'linux', firstQid: 240100, vendor: 'Red Hat', products: ['kernel', 'openssl', 'glibc', 'sudo', 'bind'], remote: false, authTypes: ['Unix'], advisory: RHSA },
  { category: 'Ubuntu', platform: 'linux', firstQid: 198900, vendor: 'Ubuntu', products: ['linux', 'openssl', 'curl', 'systemd'], remote: false, authTypes: ['Unix'], advisory: USN },
  { category: 'Amazon Linux', platform: 'linux', firstQid: 352400, vendor: 'Amazon', products: ['kernel', 'python3', 'nss'], remote: false, authTypes: ['Unix'], advisory: ALAS },
  { category: 'General remote services', platform: 'any', firstQid: 38700, vendor: 'OpenSSH', products: ['OpenSSH', 'SSH Server'], remote: true, authTypes: [], port: { port: 22, protocol: 'tcp', service: 'ssh', ssl: false } },
  { category: 'General remote services', platform: 'any', firstQid: 38170, vendor: 'SSL/TLS', products: ['SSL Certificate', 'TLS Server', 'SSL Server'], remote: true, authTypes: [], port: { port: 443, protocol: 'tcp', service: 'http over ssl', ssl: true } },
  { category: 'Web server', platform: 'any', firstQid: 86400, vendor: 'Apache', products: ['HTTP Server', 'Tomcat', 'nginx'], remote: true, authTypes: [], port: { port: 443, protocol: 'tcp', service: 'http over ssl', ssl: true } },
  { category: 'SNMP', platform: 'any', firstQid: 78030, vendor: 'Net-SNMP', products: ['SNMP Agent'], remote: true, authTypes: [], port: { port: 161, protocol: 'udp', service: 'snmp', ssl: false } },
];

const IG_TITLES = [
  'Operating System Detected',
  'Host Scan Time - Scanner',
  'Open TCP Services List',
  'Traceroute',
  'DNS Host Name',
  'Scan Activity per Port',
  'Firewall Detected',
  'Installed Applications Enumerated From Windows Installer',
  'Linux Kernel Version Detected',
  'SSL Session Caching Information',
];
const IG_QIDS = [105936, 45038, 82023, 45006, 6, 45426, 34011, 90235, 45097, 38597];

const WEAKNESSES = ['Multiple Vulnerabilities', 'Remote Code Execution Vulnerability', 'Privilege Escalation Vulnerability', 'Denial of Service Vulnerability', 'Information Disclosure Vulnerability', 'Security Update'];
const THREATS = ['Exploit_Public', 'Remote_Code_Execution', 'Denial_of_Service', 'Easy_Exploit', 'High_Lateral_Movement', 'Active_Attacks', 'Patch_Available'];

/** How many QIDs each family contributes; with the IG QIDs the pool holds 10 + 11 * 40 = 450 entries. */
export const PER_FAMILY = 40;

export class VulnStore {
  readonly vulns: readonly Vuln[];
  private readonly byQid = new Map<number, Vuln>();
  /** Indexes into `vulns` of the QIDs a host of each OS family can carry (IG QIDs apart). */
  readonly forPlatform: Readonly<Record<'windows' | 'linux', readonly number[]>>;
  readonly infoGathered: readonly number[];
  /** What action=edit changed in this run (action=reset removes it). */
  readonly customizations = new Map<number, KbCustomization>();

  constructor(private readonly seed: number) {
    const list: Vuln[] = [];
    IG_QIDS.forEach((qid, k) => list.push(this.infoVuln(qid, IG_TITLES[k]!, k)));
    FAMILIES.forEach((family, f) => {
      for (let k = 0; k < PER_FAMILY; k++) list.push(this.vuln(family, f, k));
    });
    list.sort((a, b) => a.qid - b.qid);
    this.vulns = list;
    for (const v of list) this.byQid.set(v.qid, v);
    const indexes = (p: 'windows' | 'linux') => list.flatMap((v, i) => (v.type !== 'Information Gathered' && (v.platform === p || v.platform === 'any') ? [i] : []));
    this.forPlatform = { windows: indexes('windows'), linux: indexes('linux') };
    this.infoGathered = list.flatMap((v, i) => (v.type === 'Information Gathered' ? [i] : []));
  }

  get(qid: number): Vuln | undefined {
    return this.byQid.get(qid);
  }

  private infoVuln(qid: number, title: string, k: number): Vuln {
    const published = isoSeconds(DATA_EPOCH_MS - (2000 + (hash(this.seed, 40, k) % 2000)) * 86_400_000);
    return {
      qid, type: 'Information Gathered', severity: 1 + (hash(this.seed, 41, k) % 2), title, category: 'Information gathering', platform: 'any',
      published, modified: published, patchable: false, cves: [], cvss: { base: 0, temporal: 0, vector: '' }, cvss3: { base: 0, temporal: 0, vector: '' },
      diagnosis: `The scanner reports what it learned about the host: ${title.toLowerCase()}.`,
      consequence: 'Not applicable: information only.', solution: 'Not applicable.', remote: true, authTypes: [], pciFlag: false, threatIntel: [],
      software: [], vendorRefs: [],
    };
  }

  private vuln(family: Family, f: number, k: number): Vuln {
    const s = this.seed;
    const h = hash(s, 42, f, k);
    const product = pick(family.products, hash(s, 43, f, k));
    const severity = 1 + (h % 5);
    const potential = hash(s, 44, f, k) % 7 === 0;
    const year = 2019 + (hash(s, 45, f, k) % 7);
    const ageDays = 30 + (hash(s, 46, f, k) % 2000);
    const published = isoSeconds(DATA_EPOCH_MS - ageDays * 86_400_000);
    const modified = isoSeconds(DATA_EPOCH_MS - (hash(s, 47, f, k) % ageDays) * 86_400_000);
    const cveCount = severity >= 3 ? 1 + (hash(s, 48, f, k) % 4) : hash(s, 48, f, k) % 2;
    const cves = Array.from({ length: cveCount }, (_, c) => `CVE-${year}-${String(1000 + (hash(s, 49, f, k, c) % 48000)).padStart(4, '0')}`);
    const base = Math.round((severity * 1.8 + (hash(s, 50, f, k) % 10) / 10) * 10) / 10;
    const base3 = Math.min(10, Math.round((base + 0.4) * 10) / 10);
    const temporal = Math.round(base * 0.85 * 10) / 10;
    const weakness = pick(WEAKNESSES, hash(s, 51, f, k));
    const title = `${family.vendor} ${product} ${weakness} (${family.vendor === 'Microsoft' ? `KB${5000000 + (hash(s, 52, f, k) % 100000)}` : cves[0] ?? `QSA-${year}-${k}`})`;
    const threatIntel = THREATS.filter((_, t) => hash(s, 53, f, k, t) % 4 === 0).map((text) => ({ id: THREATS.indexOf(text) + 1, text }));
    const vendorRefs = family.advisory ? [family.advisory(year, hash(s, 52, f, k))] : [];
    const fix = cves.join(', ') || 'the issue';
    // Qualys writes its KnowledgeBase texts as HTML (paragraphs, line breaks, links to the advisories).
    const links = vendorRefs.map((r) => `<A HREF="${r.url}" TARGET="_blank">${r.id}</A>`).join('<BR>');
    const solution = `Install the ${family.vendor} update that fixes ${fix}, then restart the affected service.${links ? `<P>Patch:<BR>The vendor's advisory lists the fixed packages:<P>${links}` : ''}`;
    return {
      qid: family.firstQid + k * 3 + (hash(s, 54, f, k) % 3),
      type: potential ? 'Potential Vulnerability' : 'Vulnerability',
      severity,
      title,
      category: family.category,
      platform: family.platform,
      published,
      modified,
      patchable: hash(s, 55, f, k) % 5 !== 0,
      cves,
      cvss: { base, temporal, vector: `AV:N/AC:${severity > 3 ? 'L' : 'M'}/Au:N/C:P/I:P/A:P` },
      cvss3: { base: base3, temporal: Math.round(base3 * 0.9 * 10) / 10, vector: `CVSS:3.1/AV:${family.remote ? 'N' : 'L'}/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H` },
      diagnosis: `${family.vendor} ${product} before the fixed release contains a flaw that an attacker can use (${weakness.toLowerCase()}).<P>Affected versions: the releases before the vendor's update.`,
      consequence: severity >= 4 ? 'Successful exploitation could let an attacker run code or take over the host.' : 'Successful exploitation could expose information or degrade the service.',
      solution,
      remote: family.remote,
      authTypes: [...family.authTypes],
      ...(family.port ? { port: family.port } : {}),
      pciFlag: severity >= 3,
      threatIntel,
      software: [{ product: product.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, ''), vendor: family.vendor.toLowerCase().replace(/[^a-z0-9]+/g, '_') }],
      vendorRefs,
    };
  }
}
