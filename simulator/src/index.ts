// In-process entry point of the local Qualys simulator (see ARCHITECTURE.md, "Simulator").
export type { Faults, SimulatorOptions, RunningSimulator, RecordedRequest } from './types';
export { startSimulator } from './server';
