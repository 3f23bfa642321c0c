import { Module } from '@nestjs/common';
import { FileStorage } from './file-storage';
import { ProjectFilesCleanup } from './project-files-cleanup';

/**
 * Project file storage, and the removal of a project's files when the project is deleted. Needs the global
 * `APP_CONFIG` (CoreModule) and `ProjectCleanups` (TenancyModule); nothing of the data stack, so the worker
 * can import it too.
 */
@Module({
  providers: [FileStorage, ProjectFilesCleanup],
  exports: [FileStorage],
})
export class FilesModule {}
