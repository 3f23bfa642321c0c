import { LRUCache } from 'lru-cache';
import { decide, RateDecision, windowAt } from './sliding-window';

interface Windows {
  index: number;
  current: number;
  previous: number;
}

/**
 * Sliding windows in this process's memory, for a platform without Redis and while Redis is down: the limit
 * then holds per instance. Bounded: the least recently used project's counts go first.
 */
export class MemoryWindows {
  private readonly windows = new LRUCache<string, Windows>({ max: 10_000 });

  take(key: string, points: number, durationMs: number, nowMs = Date.now()): RateDecision {
    const { index, elapsedMs } = windowAt(nowMs, durationMs);
    let windows = this.windows.get(key);
    if (!windows || windows.index < index - 1) windows = { index, current: 0, previous: 0 };
    else if (windows.index === index - 1) windows = { index, current: 0, previous: windows.current };
    this.windows.set(key, windows);
    const decision = decide(windows, elapsedMs, durationMs, points);
    if (decision.allowed) windows.current += 1;
    return decision;
  }
}
