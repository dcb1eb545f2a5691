// Fixed vocabularies the generated account draws from: operating systems with their compliance
// technologies, asset tags, user-defined field labels, users. Values are plausible, not copied from an account.

export type OsFamily = 'windows' | 'linux';

export interface OsEntry {
  family: OsFamily;
  name: string;
  cpe: string;
  technology: { id: number; name: string };
}

export const OPERATING_SYSTEMS: readonly OsEntry[] = [
  { family: 'windows', name: 'Windows Server 2019 Datacenter 64 bit Edition Version 1809', cpe: 'cpe:/o:microsoft:windows_server_2019:::x64:', technology: { id: 125, name: 'Windows Server 2019' } },
  { family: 'windows', name: 'Windows Server 2016 Standard 64 bit Edition Version 1607', cpe: 'cpe:/o:microsoft:windows_server_2016:::x64:', technology: { id: 91, name: 'Windows Server 2016' } },
  { family: 'windows', name: 'Windows Server 2012 R2 Standard 64 bit Edition', cpe: 'cpe:/o:microsoft:windows_server_2012:r2::x64:', technology: { id: 75, name: 'Windows Server 2012 R2' } },
  { family: 'windows', name: 'Windows 10 Enterprise 64 bit Edition Version 22H2', cpe: 'cpe:/o:microsoft:windows_10:22h2::x64:', technology: { id: 105, name: 'Windows 10' } },
  { family: 'linux', name: 'CentOS Linux 7.9.2009', cpe: 'cpe:/o:centos:centos:7.9.2009:::', technology: { id: 80, name: 'CentOS 7.x' } },
  { family: 'linux', name: 'Red Hat Enterprise Linux 8.6', cpe: 'cpe:/o:redhat:enterprise_linux:8.6:::', technology: { id: 163, name: 'Red Hat Enterprise Linux 8.x' } },
  { family: 'linux', name: 'Ubuntu Linux 22.04', cpe: 'cpe:/o:canonical:ubuntu_linux:22.04:::', technology: { id: 251, name: 'Ubuntu 22.x' } },
  { family: 'linux', name: 'Amazon Linux 2', cpe: 'cpe:/o:amazon:linux_2::::', technology: { id: 190, name: 'Amazon Linux 2' } },
];

export interface TagEntry { id: number; name: string }

/** Asset tags; the first two follow the OS family (the seed's 'WindowsOS' / 'UnixOS' samples). */
export const TAGS: readonly TagEntry[] = [
  { id: 7514462, name: 'WindowsOS' },
  { id: 7515612, name: 'UnixOS' },
  { id: 7516001, name: 'Production' },
  { id: 7516002, name: 'Staging' },
  { id: 7516003, name: 'PCI' },
  { id: 7516004, name: 'DMZ' },
  { id: 7516005, name: 'Internet Facing' },
  { id: 7516006, name: 'Database Servers' },
  { id: 7516007, name: 'Web Servers' },
  { id: 7516008, name: 'Critical Assets' },
  { id: 7516009, name: 'Cloud Agent' },
  { id: 7516010, name: 'AWS' },
];

/** GLOSSARY/USER_DEF labels and the ud_attr of each VALUE_n (seed 000, Host List API). */
export const USER_DEF_LABELS: readonly [string, string, string] = ['Location', 'Function', 'Asset Tag'];
export const UD_LOCATIONS = ['Frankfurt DC1', 'Virginia DC2', 'Singapore DC3', 'London Office', 'Remote'];
export const UD_FUNCTIONS = ['Web', 'Database', 'Domain Controller', 'File Server', 'Build Agent', 'Workstation'];

export const USERS = [
  { login: 'demo', first: 'Demo', last: 'User' },
  { login: 'joe_user', first: 'Joe', last: 'User' },
  { login: 'acme_as2', first: 'Ann', last: 'Smith' },
] as const;

export const DNS_DOMAIN = 'corp.example.com';
export const SUBSCRIPTION_ID = 218748;
export const CUSTOMER_UUID = '0a387e70-8b26-78ff-8145-017b816fa17f';
export const AWS_REGIONS = ['us-east-1', 'us-west-2', 'eu-central-1', 'ap-southeast-1'];
export const ASSET_GROUPS = [
  { id: 4580719, title: 'AG_Update' },
  { id: 4580720, title: 'Datacenter Servers' },
  { id: 4580721, title: 'Cloud Instances' },
];
