import { Global, Module } from '@nestjs/common';
import { SchemaCache } from './cache/schema-cache';

/** The per-project schema cache. `InvalidationBus` comes from the global RedisModule. */
@Global()
@Module({
  providers: [SchemaCache],
  exports: [SchemaCache],
})
export class SchemaModule {}
