export { startEmbeddedPostgres } from './start-embedded-postgres';
export { EmbeddedPostgresError } from './embedded-postgres.error';
export type {
  EmbeddedPostgres,
  EmbeddedPostgresLogger,
  EmbeddedPostgresOptions,
  Relocation,
} from './embedded-postgres.types';
export { relocatedWhat, resolveEmbeddedDataDir } from './file-placement';
export { findRunningEmbeddedPostgres, parsePostmasterPid } from './find-running-embedded-postgres';
export type { PostmasterLock, RunningEmbeddedPostgres } from './find-running-embedded-postgres';
