import { Module } from '@nestjs/common';
import { provideJobProcessor } from '@atrium/jobs';
import { BackupJobsProcessor } from './backup-jobs.processor';
import { BackupWriter } from './backup-writer';

/**
 * The `backups` queue's processor and the writer it runs. Needs only the global platform modules (config,
 * tenancy, jobs), so the worker imports it without the schema services restores need.
 */
@Module({
  providers: [BackupWriter, ...provideJobProcessor(BackupJobsProcessor)],
  exports: [BackupWriter],
})
export class BackupJobsModule {}
