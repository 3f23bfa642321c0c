/** Bus topic on which a project's schema snapshots are dropped on every API instance. */
export const SCHEMA_INVALIDATE_TOPIC = 'schema';

/**
 * One invalidation: which provisioning of a project changed (`projectInstanceId`, never the bare key, so a
 * project re-created under the same key is a different cache line), and the schema version that change
 * committed, or null when the sender could not tell (then every copy is dropped, whatever its version).
 */
export interface SchemaInvalidation {
  project: string;
  version: number | null;
}

export function encodeSchemaInvalidation(invalidation: SchemaInvalidation): string {
  return JSON.stringify({ project: invalidation.project, version: invalidation.version });
}

/** The message, or null for anything malformed (another sender, an older format): those are ignored. */
export function decodeSchemaInvalidation(message: string): SchemaInvalidation | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { project, version } = parsed as Record<string, unknown>;
  if (typeof project !== 'string' || project === '') return null;
  if (version === null || version === undefined) return { project, version: null };
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) return null;
  return { project, version };
}
