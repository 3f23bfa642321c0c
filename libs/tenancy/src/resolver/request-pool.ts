import type { ServerResponse } from 'node:http';
import type { Pool } from 'pg';
import type { TenantConnectionManager } from '../connections/tenant-connection.manager';
import type { ProjectEntity } from '../registry/project.entity';

/**
 * A request's `pool()`: the project's pool is leased the first time the request asks for it, and given back
 * when the response closes — sent, streamed to its end, or aborted by the client — so no capacity
 * eviction can end it mid-request, and a request that never touches its database holds nothing.
 */
export function leaseForRequest(
  connections: TenantConnectionManager,
  project: ProjectEntity,
  response: ServerResponse,
): () => Promise<Pool> {
  let pool: Promise<Pool> | undefined;
  return () => {
    if (pool) return pool;
    pool = connections.lease(project).then((lease) => {
      // A response already closed by the time the lease came (client gone) gives it straight back.
      if (response.closed || response.destroyed) queueMicrotask(lease.release);
      else response.once('close', lease.release);
      return lease.pool;
    });
    return pool;
  };
}
