// In-process entry point of the local Qualys simulator (see docs/simulator.md).
export type { Faults, SimulatorOptions, RunningSimulator, RecordedRequest } from './types';
export { startSimulator } from './server';
