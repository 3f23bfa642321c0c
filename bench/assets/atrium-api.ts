// Atrium under measurement: the production build (`dist/apps/api/src/main.js`) in a process of its own,
// listening on 127.0.0.1, with the assets fixture (one uploaded JPEG). Its databases and storage folder are
// removed when the bench stops it.
import { withDatabase } from '@atrium/tenancy';
import { TEST_DATABASE_URL } from '../../test/support/test-env';
import { asServerProcess, startProductionApi } from '../support/production-api';
import type { ServerProcess, ServerReady } from '../support/server-process';
import { prepareImage, PROJECT, type StoredImage } from './fixture';

export interface AtriumInput {
  /** ASSETS_TRANSFORM_MAX_CONCURRENT: above the bench's concurrency, so no transform answers 503. */
  maxConcurrentTransforms: number;
  /** Extra flags for the API's node process (`--cpu-prof`). */
  execArgv: string[];
}

export interface AtriumReady extends ServerReady, StoredImage {
  /** The project's database, for the bench to read the CPU time of its backends. */
  databaseUrl: string;
}

export async function startAtrium(input: AtriumInput): Promise<ServerProcess<AtriumReady>> {
  const api = await startProductionApi(
    { ASSETS_TRANSFORM_MAX_CONCURRENT: String(input.maxConcurrentTransforms) },
    input.execArgv,
  );
  try {
    const image = await prepareImage(api);
    return asServerProcess(api, {
      ready: true,
      port: api.port,
      databaseUrl: withDatabase(TEST_DATABASE_URL, `${api.tenantDbPrefix}${PROJECT}`),
      ...image,
    });
  } catch (error) {
    await api.stop().catch(() => undefined);
    throw error;
  }
}
