import { projectInstanceId } from './project-instance-id';
import type { ProjectEntity } from './project.entity';

/** What names one provisioning of a project (see `projectInstanceId`). */
export type ProjectInstanceRef = Pick<ProjectEntity, 'key' | 'dbServer' | 'dbName' | 'createdAt'>;

interface Slot<V> {
  instance: string;
  value: V;
}

/**
 * One cached value per project, valid for one provisioning of it (DESIGN §6): a read answers only for the
 * instance id the value was stored under, so a project deleted and re-created under the same key never sees
 * the old one's value, however long it would otherwise live. There is one slot per key because only one
 * provisioning of a key is live at a time; storing for a new one replaces (and hands back) the old value.
 *
 * Values are dropped by key: deletion, suspension and auth invalidations name the project by its key, and
 * dropping whatever provisioning a key holds is always safe, since the next read simply reloads.
 * Map order is recency order (reads and writes move a slot to the end), so the first key is the LRU.
 */
export class ProjectInstanceCache<V> {
  private readonly slots = new Map<string, Slot<V>>();

  /** The value stored for exactly this provisioning of the project, if any; marks it recently used. */
  get(project: ProjectInstanceRef): V | undefined {
    const slot = this.slots.get(project.key);
    if (!slot || slot.instance !== projectInstanceId(project)) return undefined;
    this.slots.delete(project.key);
    this.slots.set(project.key, slot);
    return slot.value;
  }

  /**
   * Stores `value` for this provisioning of the project. Returns the value it replaced when that belonged
   * to another provisioning of the same key (so the caller can close it), else undefined.
   */
  set(project: ProjectInstanceRef, value: V): V | undefined {
    const instance = projectInstanceId(project);
    const previous = this.slots.get(project.key);
    this.slots.delete(project.key);
    this.slots.set(project.key, { instance, value });
    return previous && previous.instance !== instance ? previous.value : undefined;
  }

  /**
   * Drops the key's value, whichever provisioning it belongs to, and returns it. With `only`, drops it only
   * while it is still that value (a failed load removing itself must not remove its successor).
   */
  delete(key: string, only?: V): V | undefined {
    const slot = this.slots.get(key);
    if (!slot || (only !== undefined && slot.value !== only)) return undefined;
    this.slots.delete(key);
    return slot.value;
  }

  /** Key and value of every slot, least recently used first. */
  *entries(): IterableIterator<[string, V]> {
    for (const [key, slot] of this.slots) yield [key, slot.value];
  }

  /** The key of the least recently used slot. */
  oldestKey(): string | undefined {
    return this.slots.keys().next().value;
  }

  get size(): number {
    return this.slots.size;
  }
}
