import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@atrium/core';
import { ImageTransformer } from './image-transformer';

/** The process's one image transformer, bounded by the `ASSETS_TRANSFORM_*` settings. */
@Module({
  providers: [
    {
      provide: ImageTransformer,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new ImageTransformer({
          maxConcurrent: config.assets.maxConcurrentTransforms,
          timeoutMs: config.assets.transformTimeoutMs,
          maxDimension: config.assets.maxDimension,
        }),
    },
  ],
  exports: [ImageTransformer],
})
export class MediaModule {}
