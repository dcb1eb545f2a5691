// Option profiles the account starts with, plus whatever is imported or created. Each is kept as its
// <OPTION_PROFILE> XML (what export returns); the fixed ones follow reference/qualys/dtd/option_profile_info.dtd.
import { SUBSCRIPTION_ID } from './catalog';
import { cdata } from '../xml/writer';

export interface StoredProfile {
  id: number;
  title: string;
  type: 'user' | 'compliance' | 'pci';
  /** The <OPTION_PROFILE> element, indented for inclusion under <OPTION_PROFILES>. */
  xml: string;
}

function basicInfo(id: number, title: string, type: string, updated: string, flags = ''): string {
  return `    <BASIC_INFO>
      <ID>${id}</ID>
      <GROUP_NAME>${cdata(title)}</GROUP_NAME>
      <GROUP_TYPE>${type}</GROUP_TYPE>
      <USER_ID>${cdata('Demo User (demo)')}</USER_ID>
      <UNIT_ID>0</UNIT_ID>
      <SUBSCRIPTION_ID>${SUBSCRIPTION_ID}</SUBSCRIPTION_ID>
${flags}      <UPDATE_DATE>${updated}</UPDATE_DATE>
    </BASIC_INFO>
`;
}

const PERFORMANCE = `      <PERFORMANCE>
        <PARALLEL_SCALING>0</PARALLEL_SCALING>
        <OVERALL_PERFORMANCE>Normal</OVERALL_PERFORMANCE>
        <HOSTS_TO_SCAN>
          <EXTERNAL_SCANNERS>15</EXTERNAL_SCANNERS>
          <SCANNER_APPLIANCES>30</SCANNER_APPLIANCES>
        </HOSTS_TO_SCAN>
        <PROCESSES_TO_RUN>
          <TOTAL_PROCESSES>10</TOTAL_PROCESSES>
          <HTTP_PROCESSES>10</HTTP_PROCESSES>
        </PROCESSES_TO_RUN>
        <PACKET_DELAY>Medium</PACKET_DELAY>
        <PORT_SCANNING_AND_HOST_DISCOVERY>Normal</PORT_SCANNING_AND_HOST_DISCOVERY>
      </PERFORMANCE>
`;

const ADDITIONAL = `    <ADDITIONAL>
      <HOST_DISCOVERY>
        <TCP_PORTS>
          <STANDARD_SCAN>1</STANDARD_SCAN>
        </TCP_PORTS>
        <UDP_PORTS>
          <STANDARD_SCAN>1</STANDARD_SCAN>
        </UDP_PORTS>
        <ICMP>1</ICMP>
      </HOST_DISCOVERY>
      <PACKET_OPTIONS>
        <IGNORE_FIREWALL_GENERATED_TCP_RST>0</IGNORE_FIREWALL_GENERATED_TCP_RST>
        <IGNORE_FIREWALL_GENERATED_TCP_SYN_ACK>0</IGNORE_FIREWALL_GENERATED_TCP_SYN_ACK>
        <NOT_SEND_TCP_ACK_OR_SYN_ACK_DURING_HOST_DISCOVERY>0</NOT_SEND_TCP_ACK_OR_SYN_ACK_DURING_HOST_DISCOVERY>
      </PACKET_OPTIONS>
    </ADDITIONAL>
`;

function vmProfile(id: number, title: string): string {
  return `  <OPTION_PROFILE>
${basicInfo(id, title, 'user', '2025-11-04T13:39:41Z', '      <IS_DEFAULT>1</IS_DEFAULT>\n      <IS_GLOBAL>1</IS_GLOBAL>\n      <IS_OFFLINE_SYNCABLE>0</IS_OFFLINE_SYNCABLE>\n')}    <SCAN>
      <PORTS>
        <TCP_PORTS>
          <TCP_PORTS_TYPE>standard</TCP_PORTS_TYPE>
          <THREE_WAY_HANDSHAKE>0</THREE_WAY_HANDSHAKE>
        </TCP_PORTS>
        <UDP_PORTS>
          <UDP_PORTS_TYPE>standard</UDP_PORTS_TYPE>
        </UDP_PORTS>
        <AUTHORITATIVE_OPTION>0</AUTHORITATIVE_OPTION>
      </PORTS>
      <SCAN_DEAD_HOSTS>0</SCAN_DEAD_HOSTS>
${PERFORMANCE}      <LOAD_BALANCER_DETECTION>0</LOAD_BALANCER_DETECTION>
      <VULNERABILITY_DETECTION>
        <COMPLETE>${cdata('complete')}</COMPLETE>
        <DETECTION_INCLUDE>
          <BASIC_HOST_INFO_CHECKS>1</BASIC_HOST_INFO_CHECKS>
          <OVAL_CHECKS>0</OVAL_CHECKS>
        </DETECTION_INCLUDE>
      </VULNERABILITY_DETECTION>
      <AUTHENTICATION>${cdata('Windows,Unix,Oracle')}</AUTHENTICATION>
      <SYSTEM_AUTH_RECORD>
        <INCLUDE_SYSTEM_AUTH>
          <ON_DUPLICATE_USE_USER_AUTH>1</ON_DUPLICATE_USE_USER_AUTH>
        </INCLUDE_SYSTEM_AUTH>
      </SYSTEM_AUTH_RECORD>
      <LITE_OS_SCAN>0</LITE_OS_SCAN>
    </SCAN>
    <MAP>
      <BASIC_INFO_GATHERING_ON>all</BASIC_INFO_GATHERING_ON>
      <MAP_OPTIONS>
        <PERFORM_LIVE_HOST_SWEEP>1</PERFORM_LIVE_HOST_SWEEP>
        <DISABLE_DNS_TRAFFIC>0</DISABLE_DNS_TRAFFIC>
      </MAP_OPTIONS>
    </MAP>
${ADDITIONAL}  </OPTION_PROFILE>
`;
}

/** The seed 000 export sample (INSTANCE_DATA_COLLECTION) with the 001 apache discovery option. */
function pcProfile(id: number, title: string, apache: boolean): string {
  const auth = apache
    ? `      <SYSTEM_AUTH_RECORD>
        <ALLOW_AUTH_CREATION>
          <AUTHENTICATION_TYPE_LIST>
            <AUTHENTICATION_TYPE>Apache Web Server</AUTHENTICATION_TYPE>
          </AUTHENTICATION_TYPE_LIST>
        </ALLOW_AUTH_CREATION>
      </SYSTEM_AUTH_RECORD>
`
    : '';
  return `  <OPTION_PROFILE>
${basicInfo(id, title, 'compliance', '2025-12-01T09:16:52Z', '      <IS_GLOBAL>0</IS_GLOBAL>\n')}    <SCAN>
      <PORTS>
        <${apache ? 'TARGETED_SCAN' : 'STANDARD_SCAN'}>1</${apache ? 'TARGETED_SCAN' : 'STANDARD_SCAN'}>
      </PORTS>
${PERFORMANCE}      <DISSOLVABLE_AGENT>
        <DISSOLVABLE_AGENT_ENABLE>0</DISSOLVABLE_AGENT_ENABLE>
        <PASSWORD_AUDITING_ENABLE>
          <HAS_PASSWORD_AUDITING_ENABLE>0</HAS_PASSWORD_AUDITING_ENABLE>
        </PASSWORD_AUDITING_ENABLE>
        <WINDOWS_SHARE_ENUMERATION_ENABLE>0</WINDOWS_SHARE_ENUMERATION_ENABLE>
        <WINDOWS_DIRECTORY_SEARCH_ENABLE>0</WINDOWS_DIRECTORY_SEARCH_ENABLE>
      </DISSOLVABLE_AGENT>
${auth}      <FILE_INTEGRITY_MONITORING>
        <AUTO_UPDATE_EXPECTED_VALUE>0</AUTO_UPDATE_EXPECTED_VALUE>
      </FILE_INTEGRITY_MONITORING>
      <CONTROL_TYPES>
        <FIM_CONTROLS_ENABLED>0</FIM_CONTROLS_ENABLED>
        <CUSTOM_WMI_QUERY_CHECKS>0</CUSTOM_WMI_QUERY_CHECKS>
      </CONTROL_TYPES>
    </SCAN>
${ADDITIONAL}${apache ? '' : `    <INSTANCE_DATA_COLLECTION>
      <DATABASES>
        <AUTHENTICATION_TYPES_LIST>
          <AUTHENTICATION_TYPE>MongoDB</AUTHENTICATION_TYPE>
          <AUTHENTICATION_TYPE>Oracle</AUTHENTICATION_TYPE>
          <AUTHENTICATION_TYPE>MySQL</AUTHENTICATION_TYPE>
        </AUTHENTICATION_TYPES_LIST>
      </DATABASES>
    </INSTANCE_DATA_COLLECTION>
    <OS_BASED_INSTANCE_DISC_COLLECTION>
      <TECHNOLOGIES>
        <TECHNOLOGY>Oracle JRE</TECHNOLOGY>
      </TECHNOLOGIES>
    </OS_BASED_INSTANCE_DISC_COLLECTION>
`}  </OPTION_PROFILE>
`;
}

export class OptionProfileStore {
  readonly profiles: StoredProfile[];
  private nextId = 108690;

  constructor() {
    this.profiles = [
      { id: 51451401, title: 'Initial Options', type: 'user', xml: vmProfile(51451401, 'Initial Options') },
      { id: 108430, title: 'Profile-Instance-Data-Collection-OS-based-Auth', type: 'compliance', xml: pcProfile(108430, 'Profile-Instance-Data-Collection-OS-based-Auth', false) },
      { id: 2788516, title: 'Apache_Discovery_OP', type: 'compliance', xml: pcProfile(2788516, 'Apache_Discovery_OP', true) },
      { id: 51451402, title: 'PCI Scan Profile', type: 'pci', xml: vmProfile(51451402, 'PCI Scan Profile').replace('<GROUP_TYPE>user</GROUP_TYPE>', '<GROUP_TYPE>pci</GROUP_TYPE>') },
    ];
  }

  newId(): number {
    return this.nextId++;
  }

  byId(id: number): StoredProfile | undefined {
    return this.profiles.find((p) => p.id === id);
  }

  /** A compliance profile made by option_profile/pc/?action=create: the fixed PC template under a new title. */
  createCompliance(title: string): StoredProfile {
    const id = this.newId();
    const p: StoredProfile = { id, title, type: 'compliance', xml: pcProfile(id, title, false) };
    this.profiles.push(p);
    return p;
  }
}
