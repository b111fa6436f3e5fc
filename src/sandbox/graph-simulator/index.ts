export {
  SimulatedDirectory,
  type DirectorySeed,
  type DirectorySnapshot,
  type InvitedUserMessageInfo,
  type SimulatedGroup,
  type SimulatedGroupSeed,
  type SimulatedInvitation,
  type SimulatedUser,
  type SimulatedUserChanges,
  type SimulatedUserSeed,
  type VerifiedDomain,
} from './directory';
export type { FaultMatch, FaultResponse, RandomFaultOptions } from './faults';
export {
  GraphSimulator,
  type GraphSimulatorOptions,
  type ListenOptions,
  type RunningGraphSimulator,
} from './graph-simulator';
export {
  compileFilter,
  ODataFilterError,
  parseFilter,
  type CompiledFilter,
  type FilterSchema,
  type FilterTerm,
} from './odata-filter';
export type { RecordedRequest } from './pipeline';
export { USER_FILTER_SCHEMA } from './routes/user-representation';
export { SANDBOX_IDS, sandboxDirectorySeed } from './sandbox-seed';
