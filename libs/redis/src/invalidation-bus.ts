import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { EventEmitter } from 'node:events';
import {
  closeRedisConnection,
  createCommandConnection,
  createSubscriberConnection,
} from './redis-connections';

type Handler = (message: string) => void;

const CHANNEL_PREFIX = 'atrium:invalidate:';

/**
 * Tells every API instance to drop a cached value (registry entries, schema snapshots…). Handlers run
 * locally at once, and on the other instances through Redis pub/sub when Redis is configured. A lost message
 * is bounded by the caches' own TTLs, so publishing never fails a request.
 */
export class InvalidationBus {
  private readonly local = new EventEmitter();
  private readonly logger = new Logger(InvalidationBus.name);
  private readonly publisher: Redis | null;
  private readonly subscriber: Redis | null;
  private readonly subscribed = new Set<string>();

  constructor(redisUrl: string | null) {
    this.local.setMaxListeners(0);
    this.publisher = redisUrl ? createCommandConnection(redisUrl, 'atrium-bus-pub') : null;
    this.subscriber = redisUrl ? createSubscriberConnection(redisUrl, 'atrium-bus-sub') : null;
    this.subscriber?.on('message', (channel: string, message: string) => {
      this.local.emit(channel.slice(CHANNEL_PREFIX.length), message);
    });
  }

  /** Runs `handler` for every message on `topic`, from this instance or another one. */
  on(topic: string, handler: Handler): void {
    this.local.on(topic, handler);
    if (this.subscriber && !this.subscribed.has(topic)) {
      this.subscribed.add(topic);
      this.subscriber.subscribe(CHANNEL_PREFIX + topic).catch((error: Error) => {
        this.logger.warn({ err: { message: error.message }, topic }, 'subscribe failed');
      });
    }
  }

  /**
   * Publishes to every instance. With Redis the message comes back through the subscription (this
   * instance included); without it, it is delivered locally right away.
   */
  async publish(topic: string, message: string): Promise<void> {
    if (!this.publisher) {
      this.local.emit(topic, message);
      return;
    }
    // Apply locally first: the caller's own next request must not see the stale value.
    this.local.emit(topic, message);
    try {
      await this.publisher.publish(CHANNEL_PREFIX + topic, message);
    } catch (error) {
      this.logger.warn(
        { err: { message: (error as Error).message }, topic },
        'publish failed; peers rely on TTL',
      );
    }
  }

  async close(): Promise<void> {
    this.local.removeAllListeners();
    await Promise.all(
      [this.publisher, this.subscriber].map((redis) => (redis ? closeRedisConnection(redis) : undefined)),
    );
  }
}
