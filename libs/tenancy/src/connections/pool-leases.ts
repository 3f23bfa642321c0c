import { AtriumException } from '@atrium/core';
import { projectInstanceId } from '../registry/project-instance-id';
import type { ProjectInstanceRef } from '../registry/project-instance-cache';

/** A pool handed to one user of it (a request, a measurement); `release` gives it back, once. */
export interface PoolLease<P> {
  pool: P;
  release(): void;
}

/** One place in the table as an operator sees it: whose, whether its pool has opened, and who holds it. */
export interface PoolPlace<P> {
  key: string;
  /** Undefined while the pool is still opening. */
  pool: P | undefined;
  leases: number;
  lastUsed: number;
  draining: boolean;
}

export interface PoolLeasesOptions<P, R extends ProjectInstanceRef> {
  /** Pools open at once (TENANT_POOLS_MAX). */
  capacity: number;
  /** How long a caller waits for room before it is answered 503 (TENANT_CONNECT_TIMEOUT_MS). */
  waitMs: number;
  open(project: R): Promise<P>;
  close(pool: P, key: string, reason: string): Promise<void>;
}

interface Entry<P> {
  key: string;
  instance: string;
  pool: Promise<P>;
  /** The pool once it has opened. */
  opened?: P;
  /** Users holding the pool now; only a pool with none is ever closed. */
  leases: number;
  lastUsed: number;
  /** Out of the table (evicted, closed, replaced): ends when its last lease comes back. */
  retired: boolean;
  /** Giving its place to a waiting project: takes no new leases and retires when its last one comes back. */
  draining: boolean;
}

function noRoom(waitMs: number): AtriumException {
  return new AtriumException(
    'SERVICE_UNAVAILABLE',
    `Every tenant connection pool stayed busy for ${waitMs} ms. Try again shortly.`,
    { service: 'database' },
  );
}

/**
 * The table of open tenant pools, reference-counted (issue 12 §5): a pool is closed only when no lease on
 * it is out, so capacity eviction, idle sweeps and project closure can never end a pool under a running
 * query. With every place taken by a pool in use, a caller waits for one to come free rather than fail,
 * up to `waitMs`, and marks the least recently used busy pool as draining, so a busy project cannot hold
 * its place forever against one that waits. Map order is recency order: the first entry is the LRU.
 */
export class PoolLeases<P, R extends ProjectInstanceRef = ProjectInstanceRef> {
  private readonly entries = new Map<string, Entry<P>>();
  private wakers: Array<() => void> = [];
  /** Callers waiting for room right now. */
  private waiting = 0;

  constructor(private readonly options: PoolLeasesOptions<P, R>) {}

  async acquire(project: R): Promise<PoolLease<P>> {
    const deadline = Date.now() + this.options.waitMs;
    let counted = false;
    try {
      for (;;) {
        const entry = this.take(project);
        if (entry) return await this.leaseOf(entry);
        if (!counted) {
          this.waiting++;
          counted = true;
        }
        this.askForRoom();
        await this.waitForRoom(deadline);
      }
    } finally {
      if (counted && --this.waiting === 0) this.stopDraining();
    }
  }

  /**
   * A lease on the project's pool only if it is open now, else null: for background work, which must not
   * open pools (and so push busy projects' pools out) nor count as a use of one.
   */
  leaseIfOpen(project: R): Promise<PoolLease<P>> | null {
    const existing = this.entries.get(project.key);
    if (!existing || existing.instance !== projectInstanceId(project) || existing.draining) return null;
    existing.leases++;
    return this.leaseOf(existing);
  }

  /** Takes the project's pool out of the table; it closes once the leases on it come back. */
  retire(key: string, reason: string): void {
    const entry = this.entries.get(key);
    if (entry) this.retireEntry(entry, reason);
  }

  /** Retires every pool nobody has used for `idleMs`. */
  retireIdle(idleMs: number): void {
    const threshold = Date.now() - idleMs;
    for (const entry of [...this.entries.values()]) {
      if (entry.leases === 0 && entry.lastUsed < threshold) this.retireEntry(entry, 'idle');
    }
  }

  /** Ends every pool now, leased or not (process shutdown). */
  async closeAll(reason: string): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((entry) => this.close(entry, reason)));
  }

  get size(): number {
    return this.entries.size;
  }

  /** Every place in the table, least recently used first. */
  places(): PoolPlace<P>[] {
    return [...this.entries.values()].map((entry) => ({
      key: entry.key,
      pool: entry.opened,
      leases: entry.leases,
      lastUsed: entry.lastUsed,
      draining: entry.draining,
    }));
  }

  /** The open pools in the table, least recently used first (whose idle connections are given up first). */
  coldestFirst(): P[] {
    const pools: P[] = [];
    for (const entry of this.entries.values()) if (entry.opened !== undefined) pools.push(entry.opened);
    return pools;
  }

  /** A lease on the project's pool if it has one or there is room for it, else null (the caller waits). */
  private take(project: R): Entry<P> | null {
    const instance = projectInstanceId(project);
    const existing = this.entries.get(project.key);
    if (existing && existing.instance !== instance) this.retireEntry(existing, 'project re-created');
    else if (existing) {
      if (existing.draining) return null;
      existing.leases++;
      this.entries.delete(project.key);
      this.entries.set(project.key, existing);
      return existing;
    }
    if (this.entries.size >= this.options.capacity && !this.retireOneIdle()) return null;
    const entry: Entry<P> = {
      key: project.key,
      instance,
      pool: this.options.open(project),
      leases: 1,
      lastUsed: Date.now(),
      retired: false,
      draining: false,
    };
    entry.pool.then(
      (pool) => (entry.opened = pool),
      () => undefined,
    );
    this.entries.set(project.key, entry);
    return entry;
  }

  private async leaseOf(entry: Entry<P>): Promise<PoolLease<P>> {
    let pool: P;
    try {
      pool = await entry.pool;
    } catch (error) {
      // A pool that failed to open leaves the table, so the next caller tries afresh.
      this.retireEntry(entry, 'open failed');
      this.giveBack(entry);
      throw error;
    }
    let released = false;
    return {
      pool,
      release: () => {
        if (released) return;
        released = true;
        this.giveBack(entry);
      },
    };
  }

  private giveBack(entry: Entry<P>): void {
    entry.leases--;
    entry.lastUsed = Date.now();
    if (entry.leases > 0) return;
    if (entry.retired) void this.close(entry, 'released');
    else if (entry.draining) this.retireEntry(entry, 'capacity');
    else if (this.waiting > 0) this.wake();
  }

  private retireEntry(entry: Entry<P>, reason: string): void {
    if (this.entries.get(entry.key) === entry) {
      this.entries.delete(entry.key);
      this.wake();
    }
    if (entry.retired) return;
    entry.retired = true;
    if (entry.leases === 0) void this.close(entry, reason);
  }

  private retireOneIdle(): boolean {
    for (const entry of this.entries.values()) {
      if (entry.leases === 0) {
        this.retireEntry(entry, 'capacity');
        return true;
      }
    }
    return false;
  }

  /** Marks the least recently used busy pool as draining, unless enough are draining for those waiting. */
  private askForRoom(): void {
    let draining = 0;
    for (const entry of this.entries.values()) if (entry.draining) draining++;
    if (draining >= this.waiting) return;
    for (const entry of this.entries.values()) {
      if (!entry.draining) {
        entry.draining = true;
        return;
      }
    }
  }

  /** Nobody waits any more (they got room or gave up): busy pools keep their place. */
  private stopDraining(): void {
    for (const entry of this.entries.values()) entry.draining = false;
  }

  private waitForRoom(deadline: number): Promise<void> {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return Promise.reject(noRoom(this.options.waitMs));
    return new Promise<void>((resolve, reject) => {
      const waker = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.wakers = this.wakers.filter((other) => other !== waker);
        reject(noRoom(this.options.waitMs));
      }, remaining);
      this.wakers.push(waker);
    });
  }

  /** Room may have come free: every waiter tries again, in the order they arrived. */
  private wake(): void {
    const wakers = this.wakers;
    this.wakers = [];
    for (const waker of wakers) waker();
  }

  private async close(entry: Entry<P>, reason: string): Promise<void> {
    try {
      await this.options.close(await entry.pool, entry.key, reason);
    } catch {
      // A pool that never opened, or ended twice while draining: nothing left to close.
    }
  }
}
