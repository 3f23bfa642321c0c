import { Module } from '@nestjs/common';
import { FilesModule } from '@atrium/files';
import { SchemaServicesModule } from '@atrium/schema';
import { ServerModule } from '../server.module';
import { BackupJobsModule } from './backup-jobs.module';
import { ProjectBackups } from './project-backups.service';

/**
 * Backups, restores and clones for the API's `/server/projects` routes and the CLI. Restores apply a schema
 * snapshot, hence the schema services; writing a backup needs only `BackupJobsModule`, which workers import.
 */
@Module({
  imports: [ServerModule, SchemaServicesModule, BackupJobsModule, FilesModule],
  providers: [ProjectBackups],
  exports: [ProjectBackups],
})
export class BackupsModule {}
