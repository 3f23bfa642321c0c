import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import * as path from 'node:path';
import { parseCorsOrigins } from '../http/cors-origins';
import * as ipaddr from 'ipaddr.js';
import { AppConfig, AuthConfig, CorsConfig, DbServerConfig, LogLevel, logStyleOf } from './app-config';
import { EnvironmentVariables } from './environment-variables';
import { parseSize } from './parse-size';
import { parseDuration } from './parse-duration';
import { parseBackupLocation, parseStorageLocations } from './storage-locations';

/** A configuration that cannot start the platform. `problems` holds one line per bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

function flatten(errors: ValidationError[]): string[] {
  return errors.flatMap((error) => Object.values(error.constraints ?? {}).slice(0, 1));
}

function databaseUrlOf(env: EnvironmentVariables): string | null {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  if (!env.DB_HOST) return null;
  const url = new URL('postgres://localhost');
  url.hostname = env.DB_HOST;
  url.port = String(env.DB_PORT ?? 5432);
  url.username = encodeURIComponent(env.DB_USER ?? 'postgres');
  if (env.DB_PASSWORD) url.password = encodeURIComponent(env.DB_PASSWORD);
  url.pathname = `/${env.DB_DATABASE ?? 'atrium'}`;
  return url.toString();
}

/** `main=postgres://a,backup=postgres://b` → servers. Server names are unique; a URL's database is ignored. */
function parseServers(text: string | undefined, platformUrl: string, problems: string[]): DbServerConfig[] {
  if (!text) return [{ name: 'default', url: platformUrl }];
  const servers = text.split(',').map((entry) => {
    const at = entry.indexOf('=');
    return { name: entry.slice(0, at).trim(), url: entry.slice(at + 1).trim() };
  });
  const names = new Set(servers.map((server) => server.name));
  if (names.size !== servers.length) problems.push('TENANT_DB_SERVERS must not name a server twice');
  return servers;
}

function list(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** A comma list of IPs/CIDRs (`IMPORT_IP_*_LIST`); each bad entry is a problem naming the variable. */
function addressList(name: string, text: string | undefined, problems: string[]): string[] {
  const entries = list(text);
  for (const entry of entries) {
    if (!ipaddr.isValid(entry) && !ipaddr.isValidCIDR(entry)) {
      problems.push(
        `${name} must be a comma-separated list of IP addresses or CIDRs ("${entry}" is neither)`,
      );
    }
  }
  return entries;
}

/** Off by default: `X-Forwarded-For` is only believed when the operator says a proxy sets it. */
function parseTrustProxy(text: string | undefined): AuthConfig['ipTrustProxy'] {
  if (text === undefined || text === 'false') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  return list(text);
}

/**
 * `CORS_ORIGIN` as Directus reads it: unset, `true` or `false` allow any origin once `CORS_ENABLED` is on
 * (Directus passes `CORS_ORIGIN || true` to its CORS middleware); otherwise a comma-separated list of origins
 * and `/patterns/`.
 */
function parseCorsOriginVariable(text: string | undefined, problems: string[]): CorsConfig['origin'] {
  if (text === undefined || text === 'true' || text === 'false') return true;
  const parsed = parseCorsOrigins(list(text));
  problems.push(...parsed.problems.map((problem) => `CORS_ORIGIN: ${problem}`));
  return parsed.origins;
}

/**
 * A duration variable (its pattern checked by its decorator) that must lie within `min`…`max` ms; a value
 * out of range is a problem naming the variable.
 */
function boundedDuration(
  name: 'JOBS_LOCK_DURATION' | 'JOBS_STALLED_INTERVAL',
  text: string | undefined,
  bounds: { fallback: string; min: string; max: string },
  problems: string[],
): number {
  if (problems.some((problem) => problem.startsWith(name))) return 0;
  const ms = parseDuration(text ?? bounds.fallback);
  if (ms < parseDuration(bounds.min) || ms > parseDuration(bounds.max)) {
    problems.push(`${name} must be a duration from ${bounds.min} to ${bounds.max}`);
  }
  return ms;
}

/**
 * PostgreSQL allows 100 connections unless configured otherwise (3 kept for superusers); the platform pool,
 * the maintenance pools and a second API instance need some of them, so tenant pools get half by default.
 */
const DEFAULT_TENANT_CONNECTIONS_MAX = 50;

function tenantPoolOf(env: EnvironmentVariables, problems: string[]): AppConfig['tenantPool'] {
  const size = env.TENANT_POOL_SIZE ?? 5;
  const connectionsMax = env.TENANT_CONNECTIONS_MAX ?? Math.max(DEFAULT_TENANT_CONNECTIONS_MAX, size);
  if (connectionsMax < size) {
    problems.push(
      `TENANT_CONNECTIONS_MAX (${connectionsMax}) must be at least TENANT_POOL_SIZE (${size}), ` +
        'or one busy project could never fill its pool',
    );
  }
  return {
    size,
    poolsMax: env.TENANT_POOLS_MAX ?? 100,
    connectionsMax,
    preparedStatementsMax: env.TENANT_PREPARED_STATEMENTS_MAX ?? 100,
    idleMs: env.TENANT_POOL_IDLE_MS ?? 60_000,
    connectTimeoutMs: env.TENANT_CONNECT_TIMEOUT_MS ?? 5_000,
    statementTimeoutMs: env.TENANT_STATEMENT_TIMEOUT_MS ?? 15_000,
  };
}

/**
 * Validates the environment and builds the typed configuration (DESIGN §8). Throws a `ConfigError` naming
 * every bad or missing variable; the entry points print its lines and exit.
 */
export function loadConfig(source: NodeJS.ProcessEnv): AppConfig {
  // An empty variable (`PORT=`) means "not set", as in a .env file with a blank value.
  const given = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const env = plainToInstance(EnvironmentVariables, given, { enableImplicitConversion: false });
  const problems = flatten(validateSync(env, { skipMissingProperties: false }));

  const databaseUrl = databaseUrlOf(env);
  if (!databaseUrl && !problems.some((p) => p.startsWith('DATABASE_URL'))) {
    problems.push('DATABASE_URL (or DB_HOST) must be set');
  }
  if (!env.SECRET && !problems.some((p) => p.startsWith('SECRET'))) problems.push('SECRET must be set');
  if (!env.SUPER_ADMIN_TOKEN && !problems.some((p) => p.startsWith('SUPER_ADMIN_TOKEN'))) {
    problems.push('SUPER_ADMIN_TOKEN must be set');
  }
  const emailTransport = (env.EMAIL_TRANSPORT ?? (env.EMAIL_SMTP_HOST ? 'smtp' : 'none')) as 'smtp' | 'none';
  if (emailTransport === 'smtp' && !env.EMAIL_SMTP_HOST) {
    problems.push('EMAIL_SMTP_HOST must be set when EMAIL_TRANSPORT is smtp');
  }
  const tenantDbServers = parseServers(env.TENANT_DB_SERVERS, databaseUrl ?? '', problems);
  const corsOrigin = parseCorsOriginVariable(env.CORS_ORIGIN, problems);
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  const storageLocalRoot = path.resolve(env.STORAGE_LOCAL_ROOT ?? path.join(dataDir, 'uploads'));
  // `STORAGE_<LOCATION>_…` names depend on STORAGE_LOCATIONS, so they are read from the raw environment.
  const storageLocations = parseStorageLocations(given, storageLocalRoot, problems);
  const backupLocation = parseBackupLocation(env.BACKUP_LOCATION, storageLocations, problems);
  const importAllowList = addressList('IMPORT_IP_ALLOW_LIST', env.IMPORT_IP_ALLOW_LIST, problems);
  const importDenyList = addressList('IMPORT_IP_DENY_LIST', env.IMPORT_IP_DENY_LIST, problems);
  // Under a second, a lock renewed at half its length is lost to any pause; over an hour, a dead worker's
  // job waits too long.
  const jobsLockDurationMs = boundedDuration(
    'JOBS_LOCK_DURATION',
    env.JOBS_LOCK_DURATION,
    { fallback: '30s', min: '1s', max: '1h' },
    problems,
  );
  const jobsStalledIntervalMs = boundedDuration(
    'JOBS_STALLED_INTERVAL',
    env.JOBS_STALLED_INTERVAL,
    { fallback: '30s', min: '1s', max: '1h' },
    problems,
  );
  const tenantPool = tenantPoolOf(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  const port = env.PORT ?? 8055;
  return {
    nodeEnv: (env.NODE_ENV ?? 'production') as AppConfig['nodeEnv'],
    port,
    host: env.HOST ?? '0.0.0.0',
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    databaseUrl: databaseUrl as string,
    tenantDbServers,
    tenantDbPrefix: env.TENANT_DB_PREFIX ?? 'atrium_',
    redisUrl: env.REDIS_URL ?? null,
    jobsPrefix: env.JOBS_PREFIX ?? 'atrium',
    jobsLockDurationMs,
    jobsStalledIntervalMs,
    secret: env.SECRET as string,
    superAdminToken: env.SUPER_ADMIN_TOKEN as string,
    metrics: { token: env.METRICS_TOKEN ?? null, projectsMax: env.METRICS_PROJECTS_MAX ?? 20 },
    dataDir,
    storageLocalRoot,
    storage: { locations: storageLocations, backupLocation },
    email: {
      from: env.EMAIL_FROM ?? 'no-reply@atrium.local',
      transport: emailTransport,
      smtpHost: env.EMAIL_SMTP_HOST ?? null,
      smtpPort: env.EMAIL_SMTP_PORT ?? 587,
      smtpUser: env.EMAIL_SMTP_USER ?? null,
      smtpPassword: env.EMAIL_SMTP_PASSWORD ?? null,
      smtpSecure: env.EMAIL_SMTP_SECURE === 'true',
      projectLimit: env.MAIL_PROJECT_LIMIT ?? 100,
      projectWindowMs: env.MAIL_PROJECT_WINDOW_MS ?? 3_600_000,
    },
    tenantPool,
    tenantSpareDatabases: env.TENANT_SPARE_DATABASES ?? 4,
    platformPoolSize: env.PLATFORM_POOL_SIZE ?? 10,
    queryLimit: { default: env.QUERY_LIMIT_DEFAULT ?? 100, max: env.QUERY_LIMIT_MAX ?? -1 },
    graphql: {
      introspection: env.GRAPHQL_INTROSPECTION !== 'false',
      tokenLimit: env.GRAPHQL_QUERY_TOKEN_LIMIT ?? 5000,
      maxDepth: env.GRAPHQL_MAX_DEPTH ?? 10,
      maxFields: env.GRAPHQL_MAX_FIELDS ?? 500,
    },
    maxBatchMutation: env.MAX_BATCH_MUTATION ?? null,
    maxPayloadSize: parseSize(env.MAX_PAYLOAD_SIZE ?? '1mb'),
    filesMaxUploadSize: parseSize(env.FILES_MAX_UPLOAD_SIZE ?? '100mb'),
    filesMimeTypeAllowList: list(env.FILES_MIME_TYPE_ALLOW_LIST ?? '*/*'),
    assets: {
      cacheTtlMs: parseDuration(env.ASSETS_CACHE_TTL ?? '30d'),
      maxConcurrentTransforms: env.ASSETS_TRANSFORM_MAX_CONCURRENT ?? 25,
      transformTimeoutMs: parseDuration(env.ASSETS_TRANSFORM_TIMEOUT ?? '7500ms'),
      maxDimension: env.ASSETS_TRANSFORM_IMAGE_MAX_DIMENSION ?? 6000,
      maxOperations: env.ASSETS_TRANSFORM_MAX_OPERATIONS ?? 5,
    },
    fileImport: {
      ipAllowList: importAllowList,
      ipDenyList: importDenyList,
      timeoutMs: env.IMPORT_TIMEOUT_MS ?? 10_000,
    },
    projectRateLimit: {
      points: env.PROJECT_RATE_LIMIT_POINTS ?? 0,
      duration: env.PROJECT_RATE_LIMIT_DURATION ?? 1,
    },
    shutdownTimeoutMs: parseDuration(env.SHUTDOWN_TIMEOUT ?? '25s'),
    logLevel: (env.LOG_LEVEL ?? 'info') as LogLevel,
    logStyle: logStyleOf({ LOG_STYLE: env.LOG_STYLE, NODE_ENV: env.NODE_ENV }),
    statsCacheTtlMs: env.STATS_CACHE_TTL_MS ?? 10_000,
    statsRefreshIntervalMs: env.STATS_REFRESH_INTERVAL_MS ?? 1_000,
    registryCacheTtlMs: env.REGISTRY_CACHE_TTL_MS ?? 5_000,
    auth: {
      accessTokenTtlMs: parseDuration(env.ACCESS_TOKEN_TTL ?? '15m'),
      refreshTokenTtlMs: parseDuration(env.REFRESH_TOKEN_TTL ?? '7d'),
      sessionCookieTtlMs: parseDuration(env.SESSION_COOKIE_TTL ?? '1d'),
      refreshGracePeriodMs: parseDuration(env.SESSION_REFRESH_GRACE_PERIOD ?? '10s'),
      loginStallMs: parseDuration(env.LOGIN_STALL_TIME ?? '500ms'),
      refreshCookieName: env.REFRESH_TOKEN_COOKIE_NAME ?? 'directus_refresh_token',
      sessionCookieName: env.SESSION_COOKIE_NAME ?? 'directus_session_token',
      cookieSecure: env.COOKIE_SECURE === 'true',
      cookieSameSite: (env.COOKIE_SAME_SITE ?? 'lax') as AuthConfig['cookieSameSite'],
      loginRateLimitPoints: env.LOGIN_RATE_LIMIT_POINTS ?? 50,
      loginRateLimitWindowMs: parseDuration(env.LOGIN_RATE_LIMIT_DURATION ?? '1m'),
      ipTrustProxy: parseTrustProxy(env.IP_TRUST_PROXY),
      passwordResetUrlAllowList: list(env.PASSWORD_RESET_URL_ALLOW_LIST),
      userInviteUrlAllowList: list(env.USER_INVITE_URL_ALLOW_LIST),
      passwordResetTokenTtlMs: parseDuration(env.PASSWORD_RESET_TOKEN_TTL ?? '1d'),
      userInviteTokenTtlMs: parseDuration(env.USER_INVITE_TOKEN_TTL ?? '7d'),
    },
    cors: {
      enabled: env.CORS_ENABLED === 'true',
      origin: corsOrigin,
      methods: list(env.CORS_METHODS ?? 'GET,POST,PATCH,DELETE'),
      allowedHeaders: list(env.CORS_ALLOWED_HEADERS ?? 'Content-Type,Authorization'),
      exposedHeaders: list(env.CORS_EXPOSED_HEADERS ?? 'Content-Range'),
      credentials: env.CORS_CREDENTIALS !== 'false',
      maxAge: env.CORS_MAX_AGE ?? 18_000,
    },
  };
}
