import 'reflect-metadata';
import { LOG_LEVELS, LOG_STYLES } from './app-config';
import { DURATION_PATTERN } from './parse-duration';
import { Type } from 'class-transformer';
import {
  IsBooleanString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

const int = (min: number, max: number) => (target: object, key: string) => {
  Type(() => Number)(target, key);
  IsInt({ message: `${key} must be a whole number from ${min} to ${max}` })(target, key);
  Min(min, { message: `${key} must be a whole number from ${min} to ${max}` })(target, key);
  Max(max, { message: `${key} must be a whole number from ${min} to ${max}` })(target, key);
  IsOptional()(target, key);
};

const duration = () => (target: object, key: string) => {
  IsOptional()(target, key);
  Matches(DURATION_PATTERN, { message: `${key} must be a duration such as 500ms, 30s, 15m, 7d` })(
    target,
    key,
  );
};

const POSTGRES_URL = /^postgres(ql)?:\/\/[^\s]+$/;
const REDIS_URL = /^rediss?:\/\/[^\s]+$/;
const HTTP_URL = /^https?:\/\/[^\s]+$/;
const HEADER_LIST = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+(\s*,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*$/;
const SIZE = /^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/i;

/**
 * The environment as text, with the rule for each variable. Unknown variables are ignored; every
 * variable listed here is validated at start-up and a bad value stops the process with one line naming it.
 */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'], {
    message: 'NODE_ENV must be development, production or test',
  })
  NODE_ENV?: string;

  @int(0, 65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'HOST must not be empty' })
  HOST?: string;

  @IsOptional()
  @Matches(HTTP_URL, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL?: string;

  @IsOptional()
  @Matches(POSTGRES_URL, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  DB_HOST?: string;

  @int(1, 65535)
  DB_PORT?: number;

  @IsOptional()
  @IsString()
  DB_USER?: string;

  @IsOptional()
  @IsString()
  DB_PASSWORD?: string;

  @IsOptional()
  @Matches(/^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/, { message: 'DB_DATABASE must be a PostgreSQL database name' })
  DB_DATABASE?: string;

  @IsOptional()
  @Matches(
    /^\s*[a-z][a-z0-9_-]{0,30}=postgres(ql)?:\/\/\S+(\s*,\s*[a-z][a-z0-9_-]{0,30}=postgres(ql)?:\/\/\S+)*\s*$/,
    {
      message: 'TENANT_DB_SERVERS must be a comma-separated list of name=postgres://… entries',
    },
  )
  TENANT_DB_SERVERS?: string;

  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,15}$/, {
    message: 'TENANT_DB_PREFIX must be 1-16 lowercase letters, digits or underscores, starting with a letter',
  })
  TENANT_DB_PREFIX?: string;

  @IsOptional()
  @Matches(REDIS_URL, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, {
    message: 'JOBS_PREFIX must be 1 to 40 letters, digits, "_" or "-"',
  })
  JOBS_PREFIX?: string;

  /** How long a worker's lock on a running job lasts (renewed at half); a dead worker's job waits it out. */
  @duration()
  SHUTDOWN_TIMEOUT?: string;

  @duration()
  JOBS_LOCK_DURATION?: string;

  /** How often a worker looks for jobs whose worker died (stalled-job recovery). */
  @duration()
  JOBS_STALLED_INTERVAL?: string;

  @IsOptional()
  @MinLength(32, { message: 'SECRET must be at least 32 characters' })
  SECRET?: string;

  @IsOptional()
  @MinLength(32, { message: 'SUPER_ADMIN_TOKEN must be at least 32 characters' })
  @Matches(/^\S+$/, { message: 'SUPER_ADMIN_TOKEN must not contain white space' })
  SUPER_ADMIN_TOKEN?: string;

  @IsOptional()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  @Matches(/^\S+$/, { message: 'METRICS_TOKEN must not contain white space' })
  METRICS_TOKEN?: string;

  @int(0, 1000)
  METRICS_PROJECTS_MAX?: number;

  @IsOptional()
  @MinLength(1, { message: 'DATA_DIR must not be empty' })
  DATA_DIR?: string;

  @IsOptional()
  @MinLength(1, { message: 'STORAGE_LOCAL_ROOT must not be empty' })
  STORAGE_LOCAL_ROOT?: string;

  @IsOptional()
  @MinLength(1, { message: 'BACKUP_LOCATION must not be empty' })
  BACKUP_LOCATION?: string;

  @IsOptional()
  @Matches(/^[^\s@]+@[^\s@]+$|^.+<[^\s@]+@[^\s@]+>$/, { message: 'EMAIL_FROM must be an e-mail address' })
  EMAIL_FROM?: string;

  @IsOptional()
  @IsIn(['smtp', 'none'], { message: 'EMAIL_TRANSPORT must be smtp or none' })
  EMAIL_TRANSPORT?: string;

  @IsOptional()
  @IsString()
  EMAIL_SMTP_HOST?: string;

  @int(1, 65535)
  EMAIL_SMTP_PORT?: number;

  @IsOptional()
  @IsString()
  EMAIL_SMTP_USER?: string;

  @IsOptional()
  @IsString()
  EMAIL_SMTP_PASSWORD?: string;

  @IsOptional()
  @IsBooleanString({ message: 'EMAIL_SMTP_SECURE must be true or false' })
  EMAIL_SMTP_SECURE?: string;

  @int(0, 1_000_000_000)
  PROJECT_RATE_LIMIT_POINTS?: number;

  /** Seconds. */
  @int(1, 86_400)
  PROJECT_RATE_LIMIT_DURATION?: number;

  @int(1, 1000000)
  MAIL_PROJECT_LIMIT?: number;

  @int(1000, 604800000)
  MAIL_PROJECT_WINDOW_MS?: number;

  @int(1, 100)
  TENANT_POOL_SIZE?: number;

  @int(1, 100000)
  TENANT_POOLS_MAX?: number;

  @int(1000, 86400000)
  TENANT_POOL_IDLE_MS?: number;

  @int(1, 100000)
  TENANT_CONNECTIONS_MAX?: number;

  @int(1, 10000)
  TENANT_PREPARED_STATEMENTS_MAX?: number;

  @int(100, 120000)
  TENANT_CONNECT_TIMEOUT_MS?: number;

  @int(0, 100)
  TENANT_SPARE_DATABASES?: number;

  @int(100, 3600000)
  TENANT_STATEMENT_TIMEOUT_MS?: number;

  @int(1, 100)
  PLATFORM_POOL_SIZE?: number;

  @int(1, 100000)
  QUERY_LIMIT_DEFAULT?: number;

  @int(-1, 1000000)
  QUERY_LIMIT_MAX?: number;

  @int(1, 10000000)
  MAX_BATCH_MUTATION?: number;

  @IsOptional()
  @IsBooleanString({ message: 'GRAPHQL_INTROSPECTION must be true or false' })
  GRAPHQL_INTROSPECTION?: string;

  @int(1, 1000000)
  GRAPHQL_QUERY_TOKEN_LIMIT?: number;

  @int(1, 100)
  GRAPHQL_MAX_DEPTH?: number;

  @int(1, 100000)
  GRAPHQL_MAX_FIELDS?: number;

  @IsOptional()
  @Matches(SIZE, { message: 'MAX_PAYLOAD_SIZE must be a size such as 1mb, 512kb or 1048576' })
  MAX_PAYLOAD_SIZE?: string;

  @IsOptional()
  @Matches(SIZE, { message: 'FILES_MAX_UPLOAD_SIZE must be a size such as 100mb, 512kb or 1048576' })
  FILES_MAX_UPLOAD_SIZE?: string;

  /** Comma list of types (`image/png`) or families (`image/*`) a stored file may have; Directus's name. */
  @IsOptional()
  @IsString()
  FILES_MIME_TYPE_ALLOW_LIST?: string;

  /** Comma-separated IPs/CIDRs; each entry is checked in loadConfig. */
  @IsOptional()
  @IsString()
  IMPORT_IP_DENY_LIST?: string;

  /** Comma-separated IPs/CIDRs; each entry is checked in loadConfig. */
  @IsOptional()
  @IsString()
  IMPORT_IP_ALLOW_LIST?: string;

  @int(100, 600000)
  IMPORT_TIMEOUT_MS?: number;

  @IsOptional()
  @IsIn([...LOG_LEVELS], {
    message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
  })
  LOG_LEVEL?: string;

  @IsOptional()
  @IsIn([...LOG_STYLES], { message: 'LOG_STYLE must be json or pretty' })
  LOG_STYLE?: string;

  @int(0, 3600000)
  STATS_CACHE_TTL_MS?: number;

  @int(0, 3600000)
  STATS_REFRESH_INTERVAL_MS?: number;

  @int(0, 3600000)
  REGISTRY_CACHE_TTL_MS?: number;

  @duration()
  ACCESS_TOKEN_TTL?: string;

  /** How long browsers and proxies may keep an asset (Directus's name; `30d` by default). */
  @duration()
  ASSETS_CACHE_TTL?: string;

  /** Image transforms running at once per process; more answer 503 (Directus's name). */
  @int(1, 1000)
  ASSETS_TRANSFORM_MAX_CONCURRENT?: number;

  /** A transform taking longer answers 503. */
  @duration()
  ASSETS_TRANSFORM_TIMEOUT?: string;

  /** Largest source width or height, and largest output one, in pixels. */
  @int(1, 100000)
  ASSETS_TRANSFORM_IMAGE_MAX_DIMENSION?: number;

  /** Most operations one `transforms` parameter may list. */
  @int(0, 100)
  ASSETS_TRANSFORM_MAX_OPERATIONS?: number;

  @duration()
  REFRESH_TOKEN_TTL?: string;

  @duration()
  SESSION_COOKIE_TTL?: string;

  @duration()
  SESSION_REFRESH_GRACE_PERIOD?: string;

  @duration()
  LOGIN_STALL_TIME?: string;

  @duration()
  PASSWORD_RESET_TOKEN_TTL?: string;

  @duration()
  USER_INVITE_TOKEN_TTL?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'REFRESH_TOKEN_COOKIE_NAME must be a cookie name' })
  REFRESH_TOKEN_COOKIE_NAME?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'SESSION_COOKIE_NAME must be a cookie name' })
  SESSION_COOKIE_NAME?: string;

  @IsOptional()
  @IsBooleanString({ message: 'COOKIE_SECURE must be true or false' })
  COOKIE_SECURE?: string;

  @IsOptional()
  @IsIn(['lax', 'strict', 'none'], { message: 'COOKIE_SAME_SITE must be lax, strict or none' })
  COOKIE_SAME_SITE?: string;

  @int(1, 100000)
  LOGIN_RATE_LIMIT_POINTS?: number;

  @duration()
  LOGIN_RATE_LIMIT_DURATION?: string;

  @IsOptional()
  @Matches(/^(true|false|\d{1,2}|[0-9a-fA-F:./]+(\s*,\s*[0-9a-fA-F:./]+)*)$/, {
    message: 'IP_TRUST_PROXY must be true, false, a hop count, or a comma-separated list of addresses/CIDRs',
  })
  IP_TRUST_PROXY?: string;

  @IsOptional()
  @IsBooleanString({ message: 'CORS_ENABLED must be true or false' })
  CORS_ENABLED?: string;

  /** `true`, `false`, an origin, a comma-separated list of origins, or `/patterns/` (checked in loadConfig). */
  @IsOptional()
  @IsString()
  CORS_ORIGIN?: string;

  @IsOptional()
  @Matches(/^[A-Za-z]+(\s*,\s*[A-Za-z]+)*$/, {
    message: 'CORS_METHODS must be a comma-separated list of HTTP methods',
  })
  CORS_METHODS?: string;

  @IsOptional()
  @Matches(HEADER_LIST, { message: 'CORS_ALLOWED_HEADERS must be a comma-separated list of header names' })
  CORS_ALLOWED_HEADERS?: string;

  @IsOptional()
  @Matches(HEADER_LIST, { message: 'CORS_EXPOSED_HEADERS must be a comma-separated list of header names' })
  CORS_EXPOSED_HEADERS?: string;

  @IsOptional()
  @IsBooleanString({ message: 'CORS_CREDENTIALS must be true or false' })
  CORS_CREDENTIALS?: string;

  @int(0, 31_536_000)
  CORS_MAX_AGE?: number;

  @IsOptional()
  @IsString()
  PASSWORD_RESET_URL_ALLOW_LIST?: string;

  @IsOptional()
  @IsString()
  USER_INVITE_URL_ALLOW_LIST?: string;
}
