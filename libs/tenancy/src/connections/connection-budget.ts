import { AtriumException } from '@atrium/core';

export interface ConnectionBudgetOptions {
  /** Tenant connections open at once in this process, over every pool (TENANT_CONNECTIONS_MAX). */
  max: number;
  /** How long a new connection waits for a slot before its request is answered 503. */
  waitMs: number;
  /**
   * Asked, while someone waits, to close one idle connection somewhere (the coldest pool's first); answers
   * whether it started closing one. Its slot comes back when that connection has ended.
   */
  reclaimIdle(): boolean;
}

function noSlot(waitMs: number): AtriumException {
  return new AtriumException(
    'SERVICE_UNAVAILABLE',
    `Every tenant database connection stayed busy for ${waitMs} ms. Try again shortly.`,
    { service: 'database' },
  );
}

interface Waiter {
  grant(): void;
  timer: NodeJS.Timeout;
}

/**
 * The connections every tenant pool of the process may open together. Pools grow one connection at a time
 * and only under concurrency, so the sum of their sizes is not what they hold; this bound is. Without it,
 * pools × pool size can exceed the server's max_connections, and the first connection refused fails a
 * request that would have fitted. A connection that finds the budget spent waits (first come, first
 * served) while idle connections of other pools are closed to make room, coldest pool first.
 */
export class ConnectionBudget {
  private used = 0;
  private readonly waiters: Waiter[] = [];
  /** Idle connections asked to close whose slots have not come back yet. */
  private reclaiming = 0;
  /** Connections opened and ended since start (for tests, metrics and the bench's churn figures). */
  private opened = 0;

  constructor(private readonly options: ConnectionBudgetOptions) {}

  /** Takes one slot, waiting up to `waitMs` for one; `release` gives it back (once per acquire). */
  acquire(): Promise<void> {
    if (this.used < this.options.max && this.waiters.length === 0) {
      this.take();
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(waiter.timer);
          this.take();
          resolve();
        },
        timer: setTimeout(() => {
          const at = this.waiters.indexOf(waiter);
          if (at >= 0) this.waiters.splice(at, 1);
          this.forgetClosingIfNobodyWaits();
          reject(noSlot(this.options.waitMs));
        }, this.options.waitMs),
      };
      this.waiters.push(waiter);
      this.askForRoom();
    });
  }

  release(): void {
    this.used = Math.max(0, this.used - 1);
    if (this.reclaiming > 0) this.reclaiming--;
    const next = this.waiters.shift();
    if (next) next.grant();
    this.forgetClosingIfNobodyWaits();
  }

  /**
   * `count` connections are being closed already (their pool is ending): their slots are on the way, so a
   * waiter does not need another pool's idle connection closed for it meanwhile.
   */
  closing(count: number): void {
    this.reclaiming += count;
  }

  /** A close announced (by `reclaimIdle` or `closing`) did not happen: its slot is not on the way. */
  notClosing(count = 1): void {
    this.reclaiming = Math.max(0, this.reclaiming - count);
    if (this.waiters.length > 0) this.askForRoom();
  }

  /** A connection went idle somewhere: if someone waits, that is room to make. */
  idleAppeared(): void {
    if (this.waiters.length > 0) this.askForRoom();
  }

  get inUse(): number {
    return this.used;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  get openedTotal(): number {
    return this.opened;
  }

  /**
   * With nobody waiting, closes on the way only free slots: forgetting them keeps a miscount (a close that
   * was announced twice, or never ended) from holding back the reclaims a later waiter needs.
   */
  private forgetClosingIfNobodyWaits(): void {
    if (this.waiters.length === 0) this.reclaiming = 0;
  }

  private take(): void {
    this.used++;
    this.opened++;
  }

  /** Closes idle connections for the waiters that no closing connection will serve yet, never more. */
  private askForRoom(): void {
    while (this.used < this.options.max && this.waiters.length > 0) this.waiters.shift()?.grant();
    while (this.reclaiming < this.waiters.length && this.options.reclaimIdle()) this.reclaiming++;
  }
}
