import type { Redis } from 'ioredis';
import { decide, RateDecision, windowAt } from './sliding-window';

const PREFIX = 'atrium:rate:';

/**
 * Admits up to ARGV[4] requests in one round trip, atomically for every instance sharing the Redis: reads
 * both windows' counts and counts as many of the requests as the estimate (as `decide`) leaves room for.
 * Returns the counts seen before them and how many were admitted.
 */
const TAKE = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
local overlap = 1 - tonumber(ARGV[2]) / tonumber(ARGV[3])
local room = math.floor(tonumber(ARGV[1]) - (previous * overlap + current))
local admitted = math.max(0, math.min(tonumber(ARGV[4]), room))
if admitted > 0 then
  redis.call('INCRBY', KEYS[1], admitted)
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) * 2)
end
return {previous, current, admitted}
`;

type TakeCommand = (
  current: string,
  previous: string,
  ...args: string[]
) => Promise<[number, number, number]>;

interface Waiting {
  resolve(decision: RateDecision): void;
  reject(error: unknown): void;
}

interface Batch {
  points: number;
  durationMs: number;
  waiting: Waiting[];
}

/**
 * Sliding windows in Redis, shared by every API instance. The requests of one project that reach the limiter
 * in the same turn of the event loop go to Redis as one call: under load that is one round trip for many
 * requests instead of one each, and the count stays exact (Redis admits as many as fit, in order).
 */
export class RedisWindows {
  private readonly takeCommand: TakeCommand;
  private readonly batches = new Map<string, Batch>();
  private flushScheduled = false;

  constructor(redis: Redis) {
    redis.defineCommand('atriumRateTake', { numberOfKeys: 2, lua: TAKE });
    this.takeCommand = (redis as unknown as { atriumRateTake: TakeCommand }).atriumRateTake.bind(redis);
  }

  take(key: string, points: number, durationMs: number): Promise<RateDecision> {
    return new Promise((resolve, reject) => {
      // The duration is part of the key: a changed limit starts on fresh windows instead of misreading old ones.
      const batchKey = `${key}:${durationMs}`;
      let batch = this.batches.get(batchKey);
      if (!batch || batch.points !== points) {
        if (batch) this.send(batchKey, batch);
        batch = { points, durationMs, waiting: [] };
        this.batches.set(batchKey, batch);
      }
      batch.waiting.push({ resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        // After the poll phase: every request read from the sockets in this turn has had its chance to join.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batches = [...this.batches];
    this.batches.clear();
    for (const [batchKey, batch] of batches) this.send(batchKey, batch);
  }

  private send(batchKey: string, batch: Batch): void {
    const { index, elapsedMs } = windowAt(Date.now(), batch.durationMs);
    const base = `${PREFIX}${batchKey}:`;
    this.takeCommand(
      `${base}${index}`,
      `${base}${index - 1}`,
      String(batch.points),
      String(elapsedMs),
      String(batch.durationMs),
      String(batch.waiting.length),
    ).then(
      ([previous, current, admitted]) => {
        batch.waiting.forEach((waiting, position) => {
          // Each request is decided as if it had come alone, after the ones before it in the batch.
          const before = current + Math.min(position, admitted);
          const decision = decide({ previous, current: before }, elapsedMs, batch.durationMs, batch.points);
          waiting.resolve(position < admitted ? decision : { ...decision, allowed: false });
        });
      },
      (error: unknown) => batch.waiting.forEach((waiting) => waiting.reject(error)),
    );
  }
}
