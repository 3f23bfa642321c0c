import { Inject, Injectable, Logger } from '@nestjs/common';
import { REDIS } from '@atrium/redis';
import { projectInstanceId, type ProjectInstanceRef } from '@atrium/tenancy';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

/** Longer than the ±1-step window a code is accepted in (90 s), so a replay always finds its record. */
const RECORD_TTL_MS = 120_000;
const LOCAL_MAX_ENTRIES = 10_000;

/** Atomically: refuse a step at or before the last one used, else remember it. */
const CLAIM_SCRIPT = `
local last = tonumber(redis.call('GET', KEYS[1]))
if last and last >= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

/**
 * TOTP replay protection (security checklist §5.4 item 21): a time step, once used by a user, is spent —
 * the same code cannot be used twice, nor an older one after a newer. Shared through Redis by every API
 * instance; without Redis (or while it is down) each process remembers on its own. Records are per
 * provisioning of the project (its instance id), so a re-created project starts with none of the old one's.
 */
@Injectable()
export class TotpReplayStore {
  private readonly logger = new Logger(TotpReplayStore.name);
  /** The local fallback: bounded, the oldest record dropped first, each one gone after RECORD_TTL_MS. */
  private readonly local = new LRUCache<string, { step: number }>({
    max: LOCAL_MAX_ENTRIES,
    ttl: RECORD_TTL_MS,
  });

  constructor(@Inject(REDIS) private readonly redis: Redis | null) {}

  /** True when `timeStep` is newer than any step this user used before (and now records it). */
  async claim(project: ProjectInstanceRef, userId: string, timeStep: number): Promise<boolean> {
    const key = `atrium:totp-step:${projectInstanceId(project)}:${userId}`;
    if (this.redis) {
      try {
        const claimed = await this.redis.eval(CLAIM_SCRIPT, 1, key, String(timeStep), String(RECORD_TTL_MS));
        return claimed === 1;
      } catch (error) {
        this.logger.warn(
          { err: { message: (error as Error).message } },
          'redis unavailable: TOTP steps kept locally',
        );
      }
    }
    return this.claimLocally(key, timeStep);
  }

  private claimLocally(key: string, timeStep: number): boolean {
    const last = this.local.get(key);
    if (last && last.step >= timeStep) return false;
    this.local.set(key, { step: timeStep });
    return true;
  }
}
