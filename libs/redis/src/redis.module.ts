import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { InvalidationBus } from './invalidation-bus';
import { closeRedisConnection, createCommandConnection } from './redis-connections';

/** The shared command connection, or `null` when no Redis is configured (the embedded default). */
export const REDIS = Symbol('REDIS');

/** Redis connections and the invalidation bus, shared by the whole application. */
@Global()
@Module({})
export class RedisModule implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis | null,
    private readonly bus: InvalidationBus,
  ) {}

  static forRoot(redisUrl: string | null): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        {
          provide: REDIS,
          useFactory: () => (redisUrl ? createCommandConnection(redisUrl, 'atrium-api') : null),
        },
        { provide: InvalidationBus, useFactory: () => new InvalidationBus(redisUrl) },
      ],
      exports: [REDIS, InvalidationBus],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
    if (this.redis) await closeRedisConnection(this.redis);
  }
}
