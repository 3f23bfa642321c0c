export { startEmbeddedPostgres } from './start-embedded-postgres';
export { EmbeddedPostgresError } from './embedded-postgres.error';
export type {
  EmbeddedPostgres,
  EmbeddedPostgresLogger,
  EmbeddedPostgresOptions,
} from './embedded-postgres.types';
