import { LRUCache } from 'lru-cache';

export interface CounterHit {
  /** Hits in the current window, this one included. */
  count: number;
  /** Milliseconds until the window ends. */
  resetMs: number;
}

/** Fixed-window counters: login attempts per IP, failed logins per user. */
export interface CounterStore {
  hit(key: string, windowMs: number): Promise<CounterHit>;
  reset(key: string): Promise<void>;
}

/**
 * Counters in this process's memory, bounded: when full, the least recently hit key is dropped first (an unbounded
 * fallback map is a memory leak under a flood of distinct IPs).
 */
export class MemoryCounterStore implements CounterStore {
  private readonly windows: LRUCache<string, { count: number; endsAt: number }>;

  constructor(maxKeys = 10_000) {
    this.windows = new LRUCache({ max: maxKeys });
  }

  async hit(key: string, windowMs: number): Promise<CounterHit> {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { count: 0, endsAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count++;
    return { count: window.count, resetMs: window.endsAt - now };
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }
}
