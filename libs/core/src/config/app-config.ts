import type { CorsOrigin } from '../http/cors-origins';

/** One PostgreSQL server that can hold tenant databases. `name` is what the registry records. */
export interface DbServerConfig {
  name: string;
  url: string;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LOG_STYLES = ['json', 'pretty'] as const;
export type LogStyle = (typeof LOG_STYLES)[number];

/**
 * `LOG_STYLE`, or by default readable lines on a terminal outside production and JSON everywhere else
 * (collectors, pipes, containers).
 */
export function logStyleOf(env: NodeJS.ProcessEnv, stdoutIsTty = process.stdout.isTTY === true): LogStyle {
  if ((LOG_STYLES as readonly string[]).includes(env.LOG_STYLE ?? '')) return env.LOG_STYLE as LogStyle;
  return stdoutIsTty && env.NODE_ENV !== 'production' ? 'pretty' : 'json';
}

/**
 * The level for logging that happens before the configuration is validated (start-up): the configured one
 * when it is valid, else `info` — validation will then report the bad value.
 */
export function bootLogLevel(env: NodeJS.ProcessEnv): LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(env.LOG_LEVEL ?? '')
    ? (env.LOG_LEVEL as LogLevel)
    : 'info';
}

/** The validated configuration every module reads (DESIGN §8). Built once by `loadConfig`. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  /** Connection URL of the platform database. */
  databaseUrl: string;
  tenantDbServers: DbServerConfig[];
  tenantDbPrefix: string;
  redisUrl: string | null;
  /** Namespace of the BullMQ keys in Redis (`JOBS_PREFIX`, default `atrium`); API and workers must agree. */
  jobsPrefix: string;
  /**
   * BullMQ workers' job lock (`JOBS_LOCK_DURATION`, default 30 s) and stalled-job check period
   * (`JOBS_STALLED_INTERVAL`, default 30 s): a job whose worker died runs again elsewhere within about
   * their sum.
   */
  jobsLockDurationMs: number;
  jobsStalledIntervalMs: number;
  secret: string;
  superAdminToken: string;
  /** `/server/metrics`: its own bearer token besides the super-admin's, and how many projects get a label. */
  metrics: { token: string | null; projectsMax: number };
  dataDir: string;
  /** Root of the location named `local` (`STORAGE_LOCAL_ROOT`), whether or not it is in `storage`. */
  storageLocalRoot: string;
  storage: StorageConfig;
  email: {
    from: string;
    transport: 'smtp' | 'none';
    smtpHost: string | null;
    smtpPort: number;
    smtpUser: string | null;
    smtpPassword: string | null;
    smtpSecure: boolean;
    /** Messages `POST /:project/mail` sends per project in each window (MAIL_PROJECT_LIMIT, _WINDOW_MS). */
    projectLimit: number;
    projectWindowMs: number;
  };
  tenantPool: {
    size: number;
    poolsMax: number;
    /** Tenant connections of this process at once, over every pool (a pool grows only under concurrency). */
    connectionsMax: number;
    /** Named statements one tenant connection keeps prepared; the least recently run is dropped beyond. */
    preparedStatementsMax: number;
    idleMs: number;
    connectTimeoutMs: number;
    statementTimeoutMs: number;
  };
  /**
   * Empty tenant databases kept ready per server (copies of the template nobody has connected to), so
   * provisioning renames one instead of copying the template on the request path; 0: always copy.
   */
  tenantSpareDatabases: number;
  platformPoolSize: number;
  queryLimit: { default: number; max: number };
  graphql: GraphqlConfig;
  /** Items one request may create, update or delete, nested ones included; null = no limit. */
  maxBatchMutation: number | null;
  maxPayloadSize: number;
  /** Largest file one upload part may carry (`FILES_MAX_UPLOAD_SIZE`); more answers 413. */
  filesMaxUploadSize: number;
  /** Types a stored file may have, as detected from its bytes (`FILES_MIME_TYPE_ALLOW_LIST`). */
  filesMimeTypeAllowList: string[];
  assets: AssetsConfig;
  fileImport: FileImportConfig;
  /** A project's request limit when its `rate_limit` is null (`PROJECT_RATE_LIMIT_*`); points 0: none. */
  projectRateLimit: { points: number; duration: number };
  /** How long SIGTERM waits for running requests before the app closes anyway (`SHUTDOWN_TIMEOUT`). */
  shutdownTimeoutMs: number;
  logLevel: LogLevel;
  logStyle: LogStyle;
  statsCacheTtlMs: number;
  /** How often the API measures projects whose stats are older than `statsCacheTtlMs`; 0: never. */
  statsRefreshIntervalMs: number;
  registryCacheTtlMs: number;
  auth: AuthConfig;
  cors: CorsConfig;
}

/** Where file bytes live (`STORAGE_LOCATIONS`, Directus's names); new uploads go to the first location. */
export interface StorageConfig {
  locations: StorageLocationConfig[];
  /**
   * Where project backups are written (`BACKUP_LOCATION`): one of `locations`, or `local` (the
   * `STORAGE_LOCAL_ROOT` folder) whether listed or not. Defaults to the first location, with the files.
   */
  backupLocation: string;
}

export type StorageLocationConfig = LocalStorageLocation | S3StorageLocation;

/** `STORAGE_<LOCATION>_DRIVER=local`: a folder on this machine, one sub-folder per project. */
export interface LocalStorageLocation {
  /** As written in `STORAGE_LOCATIONS`; what `directus_files.storage` records. */
  name: string;
  driver: 'local';
  root: string;
}

/** `STORAGE_<LOCATION>_DRIVER=s3`: a bucket of an S3-compatible store, one key prefix per project. */
export interface S3StorageLocation {
  name: string;
  driver: 's3';
  bucket: string;
  /** Key prefix of every object (`STORAGE_<LOCATION>_ROOT`), without leading or trailing `/`; '' for none. */
  root: string;
  /** Access key id and secret; both null = the SDK's default credential chain. */
  key: string | null;
  secret: string | null;
  region: string;
  /** An S3-compatible server's URL (MinIO, R2…); null = AWS itself. */
  endpoint: string | null;
  forcePathStyle: boolean;
}

/**
 * `POST /files/import` (Directus's `IMPORT_*` names): which addresses a download may reach besides public
 * unicast ones, which it never may, and how long it may take. Entries are IPs or CIDRs.
 */
export interface FileImportConfig {
  /** Exempt from the built-in refusal of loopback, private, link-local… addresses. */
  ipAllowList: string[];
  /** Always refused, even when also allowed. */
  ipDenyList: string[];
  timeoutMs: number;
}

/**
 * Browser access from other origins, with Directus's `CORS_*` names and defaults. A project's own
 * `cors_origins`, when set, takes the place of `origin` for `/<project>/…`.
 */
export interface CorsConfig {
  enabled: boolean;
  /** `true` allows (reflects) any origin, as Directus does when CORS is on and `CORS_ORIGIN` is not set. */
  origin: true | CorsOrigin[];
  methods: string[];
  allowedHeaders: string[];
  exposedHeaders: string[];
  credentials: boolean;
  /** Seconds a browser may cache a preflight's answer; null sends no Access-Control-Max-Age. */
  maxAge: number | null;
}

/** How `/assets` serves and transforms files (Directus's `ASSETS_*` names). */
export interface AssetsConfig {
  /** `max-age` in `Cache-Control` (ASSETS_CACHE_TTL). */
  cacheTtlMs: number;
  /** Transforms at once per process; more answer 503. */
  maxConcurrentTransforms: number;
  transformTimeoutMs: number;
  /** Largest source and output width or height; also bounds decoded pixels (decompression bombs). */
  maxDimension: number;
  /** Most operations in one `transforms` parameter. */
  maxOperations: number;
}

/** Token lifetimes, cookies and abuse limits (DESIGN §5; Directus env names where they exist). */
export interface AuthConfig {
  accessTokenTtlMs: number;
  refreshTokenTtlMs: number;
  sessionCookieTtlMs: number;
  /** A rotated refresh token still works this long, for parallel refreshes; later use revokes the session. */
  refreshGracePeriodMs: number;
  /** Every failed login takes at least this long, so timing does not tell which emails exist. */
  loginStallMs: number;
  refreshCookieName: string;
  sessionCookieName: string;
  cookieSecure: boolean;
  cookieSameSite: 'lax' | 'strict' | 'none';
  /** Login attempts per IP per project within `loginRateLimitWindowMs` before 429 REQUESTS_EXCEEDED. */
  loginRateLimitPoints: number;
  loginRateLimitWindowMs: number;
  /** Fastify `trustProxy`: false, true, a hop count, or a list of addresses/CIDRs. */
  ipTrustProxy: boolean | number | string[];
  passwordResetUrlAllowList: string[];
  userInviteUrlAllowList: string[];
  passwordResetTokenTtlMs: number;
  userInviteTokenTtlMs: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Limits of `/:project/graphql` (a document is refused before anything runs when it breaks one). */
export interface GraphqlConfig {
  /** `GRAPHQL_INTROSPECTION`: whether `__schema` / `__type` may be asked (default true). */
  introspection: boolean;
  /** `GRAPHQL_QUERY_TOKEN_LIMIT`: lexical tokens a document may hold (Directus's default 5000). */
  tokenLimit: number;
  /** `GRAPHQL_MAX_DEPTH`: selection sets nested in one another (default 10, the relational depth). */
  maxDepth: number;
  /** `GRAPHQL_MAX_FIELDS`: fields an operation selects once fragments are spread (default 500). */
  maxFields: number;
}
