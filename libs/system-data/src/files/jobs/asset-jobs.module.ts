import { Module } from '@nestjs/common';
import { FilesModule } from '@atrium/files';
import { provideJobProcessor } from '@atrium/jobs';
import { MediaModule } from '@atrium/media';
import { VariantProducer } from '../variant-producer';
import { VariantStore } from '../variant-store';
import { AssetJobsEnqueuer } from './asset-jobs.enqueuer';
import { AssetJobsProcessor } from './asset-jobs.processor';

/**
 * The `assets` queue's both ends: the enqueuer uploads call and the processor workers run. Needs only the
 * global platform modules (config, tenancy, jobs) and storage, so the worker imports it without the data stack.
 */
@Module({
  imports: [FilesModule, MediaModule],
  providers: [VariantStore, VariantProducer, AssetJobsEnqueuer, ...provideJobProcessor(AssetJobsProcessor)],
  exports: [VariantStore, VariantProducer, AssetJobsEnqueuer],
})
export class AssetJobsModule {}
