// Atrium under measurement: the production build (`dist/apps/api/src/main.js`) in a process of its own,
// listening on 127.0.0.1, with the items fixture prepared through its API. Its databases are dropped when
// the bench stops it.
import { withDatabase } from '@atrium/tenancy';
import { TEST_DATABASE_URL } from '../../test/support/test-env';
import { asServerProcess, startProductionApi } from '../support/production-api';
import type { ServerProcess, ServerReady } from '../support/server-process';
import {
  adminUserId,
  prepareArticles,
  prepareRowFilterReader,
  prepareSmallProjects,
  PROJECT,
} from './fixture';

export interface AtriumInput {
  poolSize: number;
  /** TENANT_POOLS_MAX: pools open at once, fewer than the spread's projects so they take turns. */
  poolsMax: number;
  /** TENANT_CONNECTIONS_MAX: connections of every pool together. */
  connectionsMax: number;
  /** Small projects for the spread load (0: none). */
  spreadProjects: number;
  /** Extra flags for the API's node process (`--cpu-prof`). */
  execArgv: string[];
}

export interface AtriumReady extends ServerReady {
  /** The project's database, for the raw baseline to read the very same table. */
  databaseUrl: string;
  /** Every tenant database of this API starts with it (the spread load's PostgreSQL CPU). */
  tenantDbPrefix: string;
  /** The static token of the non-admin reader whose permission filters rows. */
  reader: string;
  /** The admin's user id, written into the baseline's activity rows. */
  adminUser: string;
}

export async function startAtrium(input: AtriumInput): Promise<ServerProcess<AtriumReady>> {
  const api = await startProductionApi(
    {
      TENANT_POOL_SIZE: String(input.poolSize),
      TENANT_POOLS_MAX: String(input.poolsMax),
      TENANT_CONNECTIONS_MAX: String(input.connectionsMax),
    },
    input.execArgv,
  );
  try {
    const adminToken = await prepareArticles(api);
    const reader = await prepareRowFilterReader(api, adminToken);
    if (input.spreadProjects > 0) await prepareSmallProjects(api, input.spreadProjects);
    return asServerProcess(api, {
      ready: true,
      port: api.port,
      databaseUrl: withDatabase(TEST_DATABASE_URL, `${api.tenantDbPrefix}${PROJECT}`),
      tenantDbPrefix: api.tenantDbPrefix,
      reader,
      adminUser: await adminUserId(api),
    });
  } catch (error) {
    await api.stop().catch(() => undefined);
    throw error;
  }
}
