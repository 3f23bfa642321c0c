import type { ClientBase, Pool } from 'pg';
import { assembleSchemaOverview } from './assemble-schema-overview';
import { readIntrospectionRows } from './introspection-queries';
import type { SchemaOverview } from './schema-overview';

/**
 * Builds a project's deep-frozen `SchemaOverview` from its database in one round trip, inside a read-only
 * REPEATABLE READ transaction so that `version` matches the catalog it describes. Takes one connection from
 * `pool` for the duration.
 */
export async function buildSchemaOverview(pool: Pool): Promise<SchemaOverview> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    return assembleSchemaOverview(await readIntrospectionRows(client, true));
  } catch (error) {
    // A statement failing mid-message leaves the BEGIN open and aborted: close it before reuse.
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/**
 * The overview as `client` sees it right now, inside the caller's transaction: a service that changed the
 * schema reads its own uncommitted result this way. Never cache what this returns; it may roll back.
 */
export async function readSchemaOverview(client: ClientBase): Promise<SchemaOverview> {
  return assembleSchemaOverview(await readIntrospectionRows(client, false));
}
