import { invalidPayload, platformVersion, isPlainObject } from '@atrium/core';
import type { SchemaDiff, SchemaSnapshot } from '../snapshot/snapshot-types';

/**
 * A snapshot sent by a client (diff) or a template, checked for shape. Unless `force`, a snapshot of another
 * platform version or database vendor is refused, as Directus does.
 */
export function parseSnapshot(body: unknown, force: boolean): SchemaSnapshot {
  if (!isPlainObject(body)) throw invalidPayload('A snapshot must be an object.');
  if (body.version !== 1) throw invalidPayload('Only snapshots of version 1 are supported.');
  for (const key of ['collections', 'fields', 'relations'] as const) {
    if (!Array.isArray(body[key]) || !(body[key] as unknown[]).every(isPlainObject)) {
      throw invalidPayload(`"${key}" of a snapshot must be a list of objects.`);
    }
  }
  if (!force) {
    if (body.vendor !== 'postgres') {
      throw invalidPayload(
        `The snapshot was made on "${String(body.vendor)}", not postgres; send ?force=true to use it anyway.`,
      );
    }
    if (body.directus !== platformVersion()) {
      throw invalidPayload(
        `The snapshot was made by version ${String(body.directus)}, this is ${platformVersion()}; send ?force=true to use it anyway.`,
      );
    }
  }
  return { ...(body as unknown as SchemaSnapshot), vendor: 'postgres' };
}

/** The body of `POST /schema/apply`. */
export function parseApplyBody(body: unknown): { hash: string; diff: SchemaDiff } {
  if (!isPlainObject(body) || typeof body.hash !== 'string' || !isPlainObject(body.diff)) {
    throw invalidPayload('The body must be {hash, diff} as returned by /schema/diff.');
  }
  return { hash: body.hash, diff: body.diff as unknown as SchemaDiff };
}

/** `?force`, `?force=true`, `?force=1` → true. */
export function forceFlag(value: unknown): boolean {
  return value === '' || value === 'true' || value === '1' || value === true;
}
