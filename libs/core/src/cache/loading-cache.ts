import { LRUCache } from 'lru-cache';

export interface LoadingCacheOptions<K, V, C> {
  /** Entries kept; the least recently used beyond it is dropped. */
  max: number;
  /** How long a loaded value is answered from the cache. Omitted: until evicted or deleted. 0: never cached. */
  ttlMs?: number;
  /** Loads a missing value. Concurrent gets of one key share one call; a rejection is not remembered. */
  load: (key: K, context: C) => Promise<V>;
}

/**
 * The house idiom for a bounded, single-flight cache of loaded values (STYLE.md: one idiom, a well-kept
 * library). It is `lru-cache` with a `fetchMethod`; what this wrapper adds is the policy every caller
 * needs and would otherwise restate: a failed load is forgotten, and a value deleted while it loads is
 * still handed to the callers already waiting (the load was theirs) but never stored, so an invalidation
 * cannot be undone by a load that started before it.
 */
export class LoadingCache<K extends NonNullable<unknown>, V extends NonNullable<unknown>, C = undefined> {
  // The context is typed `unknown` inside: lru-cache's conditional fetch types do not narrow on a generic C.
  private readonly lru: LRUCache<K, V, unknown> | null;
  private readonly load: (key: K, context: C) => Promise<V>;

  constructor(options: LoadingCacheOptions<K, V, C>) {
    this.load = options.load;
    this.lru =
      options.ttlMs === 0
        ? null
        : new LRUCache<K, V, unknown>({
            max: options.max,
            ttl: options.ttlMs,
            ignoreFetchAbort: true,
            fetchMethod: (key, _stale, { context }) => options.load(key, context as C),
          });
  }

  /** The cached value, or the one loaded now (once, however many callers ask together). */
  async get(key: K, context: C): Promise<V> {
    if (!this.lru) return this.load(key, context);
    // `undefined` comes back only from an aborted fetch, which `ignoreFetchAbort` rules out.
    return (await this.lru.fetch(key, { context })) as V;
  }

  delete(key: K): void {
    this.lru?.delete(key);
  }

  clear(): void {
    this.lru?.clear();
  }

  get size(): number {
    return this.lru?.size ?? 0;
  }
}
