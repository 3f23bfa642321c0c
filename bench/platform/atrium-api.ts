// Atrium under measurement for the platform bench: the production build (`dist/apps/api/src/main.js`) in a
// process of its own, with the production defaults for spares and the background stats refresh, listening on
// 127.0.0.1. Its databases are dropped when the bench stops it (the bench drops the many filler databases
// itself first, several at a time).
import { asServerProcess, startProductionApi } from '../support/production-api';
import type { ServerProcess, ServerReady } from '../support/server-process';

export interface PlatformAtriumInput {
  /** TENANT_POOLS_MAX and TENANT_POOL_SIZE: small, so cold requests to many projects stay within max_connections. */
  poolsMax: number;
  poolSize: number;
  spareDatabases: number;
  /** Extra flags for the API's node process (`--cpu-prof`). */
  execArgv?: string[];
}

export interface PlatformAtriumReady extends ServerReady {
  /** The platform database (registry and stats rows). */
  platformDatabaseUrl: string;
  /** Every database of this run starts with it. */
  tenantDbPrefix: string;
  /** The run's SECRET, which seals the filler projects' JWT secrets as the provisioner would. */
  secret: string;
  superAdminToken: string;
}

export async function startPlatformAtrium(
  input: PlatformAtriumInput,
): Promise<ServerProcess<PlatformAtriumReady>> {
  const api = await startProductionApi(
    {
      TENANT_POOLS_MAX: String(input.poolsMax),
      TENANT_POOL_SIZE: String(input.poolSize),
      TENANT_SPARE_DATABASES: String(input.spareDatabases),
    },
    input.execArgv ?? [],
  );
  return asServerProcess(api, {
    ready: true,
    port: api.port,
    platformDatabaseUrl: api.platformDatabaseUrl,
    tenantDbPrefix: api.tenantDbPrefix,
    secret: api.secret,
    superAdminToken: api.superAdminToken,
  });
}
