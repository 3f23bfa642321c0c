import type { Redis } from 'ioredis';
import type { CounterHit, CounterStore } from './counter-store';

const PREFIX = 'atrium:counter:';

/** Counters shared by every API instance: INCR plus an expiry set on the window's first hit. */
export class RedisCounterStore implements CounterStore {
  constructor(private readonly redis: Redis) {}

  async hit(key: string, windowMs: number): Promise<CounterHit> {
    const results = await this.redis
      .multi()
      .incr(PREFIX + key)
      .pexpire(PREFIX + key, windowMs, 'NX')
      .pttl(PREFIX + key)
      .exec();
    if (!results) throw new Error('Redis transaction was aborted');
    const [[incrError, count], , [ttlError, ttl]] = results;
    if (incrError || ttlError) throw incrError ?? ttlError;
    return { count: Number(count), resetMs: Math.max(0, Number(ttl)) };
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(PREFIX + key);
  }
}
