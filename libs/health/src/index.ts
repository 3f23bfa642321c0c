export {
  DEFAULT_PROBE_TIMEOUT_MS,
  DEFAULT_WARN_THRESHOLD_MS,
  HealthProbeError,
  type HealthProbe,
  type ProbeContext,
  type ProbeOutcome,
} from './health-probe';
export type { ProbeDetail } from './probe-detail';
export type {
  HealthMeta,
  HealthReport,
  IetfCheck,
  IetfHealth,
  IetfStatus,
  ProbeIndicatorDetail,
} from './health-report';
export { toIetfHealth } from './to-ietf-health';
export { HEALTH_CACHE_CONTROL, HEALTH_CONTENT_TYPE, healthHttpStatus, publicHealth } from './health-http';
export { redactCredentials } from './probe-failure';
export { HealthService } from './health.service';
export { HealthModule } from './health.module';
