import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { JobsLogger } from '@atrium/jobs';

export const TEST_REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/** Answers whether the test Redis is there; suites skip (saying why) when it is not. */
export async function redisAvailable(url = TEST_REDIS_URL): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/** A BullMQ key prefix no other run shares, so parallel runs and leftovers never meet. */
export function uniquePrefix(): string {
  return `atrium-test-${randomUUID().slice(0, 8)}`;
}

/** Deletes every key under `prefix:` (the test's whole BullMQ footprint). */
export async function deleteKeys(prefix: string, url = TEST_REDIS_URL): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

export interface LogLine {
  level: 'log' | 'warn' | 'error';
  message: unknown;
  rest: unknown[];
}

/** A logger that keeps its lines for assertions instead of printing them. */
export function recordingLogger(): JobsLogger & {
  lines: LogLine[];
  texts(level?: LogLine['level']): string[];
} {
  const lines: LogLine[] = [];
  const push =
    (level: LogLine['level']) =>
    (message: unknown, ...rest: unknown[]) => {
      lines.push({ level, message, rest });
    };
  return {
    lines,
    log: push('log'),
    warn: push('warn'),
    error: push('error'),
    texts: (level) =>
      lines
        .filter((line) => level === undefined || line.level === level)
        .map((line) => (typeof line.message === 'string' ? line.message : String(line.rest[0]))),
  };
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
