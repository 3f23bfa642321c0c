import { Module } from '@nestjs/common';
import { FilesModule } from '@atrium/files';
import { provideJobProcessor } from '@atrium/jobs';
import { BackupJobsProcessor } from './backup-jobs.processor';
import { BackupWriter } from './backup-writer';

/**
 * The `backups` queue's processor and the writer it runs. Needs only the global platform modules (config,
 * tenancy, jobs) and storage, so the worker imports it without the schema services restores need.
 */
@Module({
  // The project's objects are read through its storage locations, local or S3.
  imports: [FilesModule],
  providers: [BackupWriter, ...provideJobProcessor(BackupJobsProcessor)],
  exports: [BackupWriter],
})
export class BackupJobsModule {}
