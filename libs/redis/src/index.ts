export * from './redis-connections';
export * from './invalidation-bus';
export * from './redis.module';
