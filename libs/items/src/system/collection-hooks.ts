import type { Accountability } from '@atrium/auth';
import type { ClientBase } from 'pg';

export type Key = string | number;
export type Payload = Record<string, unknown>;
export type WriteAction = 'create' | 'update';

/** What a hook may use: the open transaction and who asked. */
export interface HookContext {
  db: ClientBase;
  accountability: Accountability;
}

/**
 * A collection's own rules, called by the one write session at fixed points of every write to it, however
 * the write arrives (its route, a nested write from another collection, a revert).
 */
export interface CollectionHooks {
  /**
   * Turns checked, coerced values into the values to store, before the specials run (a password is checked
   * against the project's policy here; the `hash` special hashes it afterwards).
   */
  prepareWrite?(values: Payload, action: WriteAction, context: HookContext): Promise<Payload>;
  /** Checks rules spanning rows (cycles, combinations) once the request's writes are done, before commit. */
  verify?(keys: Key[], context: HookContext): Promise<void>;
  /**
   * Detaches what still points at rows about to be deleted when the schema does not (a foreign key without
   * ON DELETE). Runs after the permission check, right before the DELETE.
   */
  beforeDelete?(keys: Key[], context: HookContext): Promise<void>;
}
