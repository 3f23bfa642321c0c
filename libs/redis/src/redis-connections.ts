import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';

const logger = new Logger('Redis');

/**
 * A command connection that fails fast while Redis is down (no offline queue, one retry per request), so
 * a Redis outage degrades features instead of hanging requests (reference: operations-and-security §6).
 */
export function createCommandConnection(url: string, name: string): Redis {
  const redis = new Redis(url, {
    connectionName: name,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // Without a listener ioredis re-throws connection errors as unhandled 'error' events.
  redis.on('error', (error: Error) =>
    logger.warn({ err: { message: error.message } }, `redis connection ${name}`),
  );
  return redis;
}

/** A connection for SUBSCRIBE: it queues commands while reconnecting and re-subscribes after an outage. */
export function createSubscriberConnection(url: string, name: string): Redis {
  const redis = new Redis(url, {
    connectionName: name,
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  redis.on('error', (error: Error) =>
    logger.warn({ err: { message: error.message } }, `redis connection ${name}`),
  );
  return redis;
}

/**
 * Closes a connection without waiting on Redis when it is not connected: `quit` on a connection that queues
 * commands while reconnecting would wait for a Redis that may never answer, holding shutdown open.
 */
export async function closeRedisConnection(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    await redis.quit().catch(() => undefined);
    return;
  }
  redis.disconnect();
}
