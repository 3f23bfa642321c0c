import { LRUCache } from 'lru-cache';
import { projectInstanceId } from './project-instance-id';
import type { ProjectEntity } from './project.entity';

/** What names one provisioning of a project (see `projectInstanceId`). */
export type ProjectInstanceRef = Pick<ProjectEntity, 'key' | 'dbServer' | 'dbName' | 'createdAt'>;

interface Slot<V> {
  instance: string;
  value: V;
}

export interface ProjectInstanceCacheOptions {
  /** Projects kept; the least recently used beyond it is dropped. Default 10,000. */
  max?: number;
  /** How long a value is answered from the cache. Omitted: until evicted or dropped. 0: `fetch` keeps nothing. */
  ttlMs?: number;
}

/**
 * One cached value per project, valid for one provisioning of it (DESIGN §6): a read answers only for the
 * instance id the value was stored under, so a project deleted and re-created under the same key never sees
 * the old one's value, however long it would otherwise live. There is one slot per key because only one
 * provisioning of a key is live at a time; storing for a new one replaces (and hands back) the old value.
 *
 * Values are dropped by key: deletion, suspension and auth invalidations name the project by its key, and
 * dropping whatever provisioning a key holds is always safe, since the next read simply reloads.
 * Slots live in an `lru-cache` (the house idiom, see `LoadingCache`), bounded by `max`.
 */
export class ProjectInstanceCache<V extends NonNullable<unknown>> {
  private readonly slots: LRUCache<string, Slot<V>>;
  /** Loads in flight, per key, so callers arriving together share one (see `fetch`). */
  private readonly loading = new Map<string, { instance: string; value: Promise<V> }>();

  /** Whether loaded values are stored (lru-cache reads a TTL of 0 as "forever", a setting of 0 as "never"). */
  private readonly keepsLoads: boolean;

  constructor(options: ProjectInstanceCacheOptions = {}) {
    this.slots = new LRUCache<string, Slot<V>>({ max: options.max ?? 10_000, ttl: options.ttlMs });
    this.keepsLoads = options.ttlMs !== 0;
  }

  /** The value stored for exactly this provisioning of the project, if any; marks it recently used. */
  get(project: ProjectInstanceRef): V | undefined {
    // Peeked first: a read for another provisioning must not count as a use of this one.
    const slot = this.slots.peek(project.key);
    if (!slot || slot.instance !== projectInstanceId(project)) return undefined;
    this.slots.get(project.key);
    return slot.value;
  }

  /**
   * Stores `value` for this provisioning of the project. Returns the value it replaced when that belonged
   * to another provisioning of the same key (so the caller can close it), else undefined.
   */
  set(project: ProjectInstanceRef, value: V): V | undefined {
    const instance = projectInstanceId(project);
    const previous = this.slots.get(project.key);
    this.slots.set(project.key, { instance, value });
    return previous && previous.instance !== instance ? previous.value : undefined;
  }

  /** The stored value, or one made now and stored (for values that are themselves caches). */
  getOrCreate(project: ProjectInstanceRef, create: () => V): V {
    const existing = this.get(project);
    if (existing !== undefined) return existing;
    const value = create();
    this.set(project, value);
    return value;
  }

  /**
   * The stored value, or the one `load` gives, loaded once however many callers ask together. A failed load
   * is not remembered, nor one whose key was dropped while it ran (an invalidation wins over a load that
   * started before it); its waiting callers still get what it loaded.
   */
  fetch(project: ProjectInstanceRef, load: () => Promise<V>): Promise<V> {
    const stored = this.get(project);
    if (stored !== undefined) return Promise.resolve(stored);
    const instance = projectInstanceId(project);
    const inFlight = this.loading.get(project.key);
    if (inFlight && inFlight.instance === instance) return inFlight.value;
    const attempt = { instance, value: load() };
    this.loading.set(project.key, attempt);
    attempt.value.then(
      (value) => {
        if (this.loading.get(project.key) !== attempt) return;
        this.loading.delete(project.key);
        if (this.keepsLoads) this.set(project, value);
      },
      () => {
        if (this.loading.get(project.key) === attempt) this.loading.delete(project.key);
      },
    );
    return attempt.value;
  }

  /**
   * Drops the key's value (and any load in flight), whichever provisioning it belongs to, and returns it.
   * With `only`, drops it only while it is still that value (a failed load removing itself must not remove
   * its successor).
   */
  delete(key: string, only?: V): V | undefined {
    const slot = this.slots.peek(key, { allowStale: true });
    if (only !== undefined && slot?.value !== only) return undefined;
    this.loading.delete(key);
    this.slots.delete(key);
    return slot?.value;
  }

  get size(): number {
    return this.slots.size;
  }
}
