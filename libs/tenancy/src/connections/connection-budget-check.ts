import type { AppConfig } from '@atrium/core';
import type { Pool } from 'pg';

export interface BudgetProblem {
  message: string;
  facts: Record<string, number>;
}

/** What this process may hold on a server besides tenant pools: the platform pool and the maintenance pool. */
function otherConnections(config: AppConfig): number {
  return config.platformPoolSize + 2;
}

/**
 * Whether TENANT_CONNECTIONS_MAX, with this process's other pools, fits the server's max_connections (less
 * the slots PostgreSQL keeps for superusers). A problem, not an exception: the server may sit behind a
 * pooler, or be shared in ways one process cannot see, so the operator is told and start-up goes on.
 */
export async function checkConnectionBudget(admin: Pool, config: AppConfig): Promise<BudgetProblem | null> {
  const { rows } = await admin.query<{ max: number; reserved: number }>(
    `SELECT current_setting('max_connections')::int AS max,
            current_setting('superuser_reserved_connections')::int AS reserved`,
  );
  const usable = rows[0].max - rows[0].reserved;
  const wanted = config.tenantPool.connectionsMax + otherConnections(config);
  if (wanted <= usable) return null;
  return {
    message:
      `TENANT_CONNECTIONS_MAX (${config.tenantPool.connectionsMax}) plus this process's other pools ` +
      `(${otherConnections(config)}) exceeds the ${usable} connections the server allows ` +
      '(max_connections less superuser_reserved_connections): lower TENANT_CONNECTIONS_MAX or raise max_connections',
    facts: { tenantConnectionsMax: config.tenantPool.connectionsMax, usable },
  };
}
