export { compareProjectKeys, planFanout, type FanoutCandidate, type FanoutPlan } from './fanout-plan';
export { runBounded } from './run-bounded';
export {
  DEFAULT_FANOUT_CONCURRENCY,
  describeFanoutFailure,
  TenantMigrationFanout,
  type FanoutEvent,
  type FanoutOptions,
  type FanoutResult,
} from './tenant-migration-fanout';
