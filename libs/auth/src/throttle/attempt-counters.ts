import { Inject, Injectable, Logger } from '@nestjs/common';
import { REDIS } from '@atrium/redis';
import type { Redis } from 'ioredis';
import { CounterHit, CounterStore, MemoryCounterStore } from './counter-store';
import { RedisCounterStore } from './redis-counter-store';

/**
 * Counting for abuse limits. With Redis the counts are shared by every instance. When Redis is not
 * configured, or fails, the counts fall back to this process's bounded memory: limits then hold per
 * instance instead of globally, and nobody is locked out because Redis is down (the documented policy;
 * see README "Login limits").
 */
@Injectable()
export class AttemptCounters {
  private readonly logger = new Logger(AttemptCounters.name);
  private readonly memory = new MemoryCounterStore();
  private readonly shared: CounterStore | null;

  constructor(@Inject(REDIS) redis: Redis | null) {
    this.shared = redis ? new RedisCounterStore(redis) : null;
  }

  async hit(key: string, windowMs: number): Promise<CounterHit> {
    if (this.shared) {
      try {
        return await this.shared.hit(key, windowMs);
      } catch (error) {
        this.logger.warn(
          { err: { message: (error as Error).message } },
          'Redis counters unavailable: counting in memory',
        );
      }
    }
    return this.memory.hit(key, windowMs);
  }

  async reset(key: string): Promise<void> {
    await this.memory.reset(key);
    if (this.shared) await this.shared.reset(key).catch(() => undefined);
  }
}
