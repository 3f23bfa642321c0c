import { Redis } from 'ioredis';
import type { JobsLogger } from '../jobs-logger';

/**
 * The producer's connection: with the offline queue disabled a command fails at once while Redis is down,
 * so enqueueing from a request never hangs (reference operations-and-security §6, "Redis down").
 */
export function createProducerConnection(url: string, logger: JobsLogger): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    connectionName: 'atrium-jobs-producer',
  });
  logConnectionState(redis, logger, 'producer');
  return redis;
}

/**
 * The workers' connection: BullMQ's blocking commands must wait out an outage rather than fail, so requests
 * retry forever (`maxRetriesPerRequest: null`) and the client reconnects on its own.
 */
export function createWorkerConnection(url: string, logger: JobsLogger): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 200, 5_000),
    connectionName: 'atrium-jobs-worker',
  });
  logConnectionState(redis, logger, 'worker');
  return redis;
}

/**
 * Logs an outage once and its end once. ioredis emits `error` on every failed reconnect; an `error` event
 * without a listener would crash the process, and logging each one would flood the log.
 */
function logConnectionState(redis: Redis, logger: JobsLogger, role: string): void {
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn({ role, err: error }, 'Job queue lost its Redis connection; reconnecting');
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    logger.log({ role }, 'Job queue Redis connection is back');
  });
}

/** Resolves once `redis` is ready; rejects after `timeoutMs` or when the client has given up for good. */
export async function whenReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return;
  if (redis.status === 'end') throw new Error('the connection is closed');
  await new Promise<void>((resolve, reject) => {
    const onReady = () => finish();
    const onEnd = () => finish(new Error('the connection is closed'));
    const timer = setTimeout(() => finish(new Error(`no connection within ${timeoutMs} ms`)), timeoutMs);
    function finish(error?: Error): void {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('end', onEnd);
      if (error) reject(error);
      else resolve();
    }
    redis.once('ready', onReady);
    redis.once('end', onEnd);
  });
}

/** PING round trip in milliseconds, bounded by `timeoutMs`. */
export async function pingRedis(redis: Redis, timeoutMs: number): Promise<number> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no PING answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([redis.ping(), timeout]);
    return Math.round((performance.now() - started) * 100) / 100;
  } finally {
    clearTimeout(timer);
  }
}

/** QUIT politely, or drop the socket when Redis is not there to answer. */
export async function closeConnection(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status !== 'ready') {
    redis.disconnect();
    return;
  }
  await redis.quit().catch(() => redis.disconnect());
}
