// QPS objects created through the simulator (agent configuration profiles, AWS connectors), in memory.

export interface AgentConfig { id: number; name: string; description: string; isDefault: string; createdDate: string; createdBy: string; suspendScanning: string; bodyXml: string }
export interface AwsConnector { id: number; name: string; govCloud: boolean; allRegions: boolean; disabled: boolean; modules: string[] }

export class QpsStore {
  readonly agentConfigs: AgentConfig[] = [];
  readonly connectors: AwsConnector[] = [];
  private nextConfigId = 151889;
  private nextConnectorId = 149008;

  newConfigId(): number {
    return this.nextConfigId++;
  }

  newConnectorId(): number {
    return this.nextConnectorId++;
  }
}
