import { DynamicModule, Module } from '@nestjs/common';
import { CLI_ENVIRONMENT, CliEnvironment } from './boot/cli-environment';
import { CliProgram } from './cli-program';
import { MigrateCommand } from './commands/migrate.command';
import { ProjectsBackupCommand } from './commands/projects-backup.command';
import { ProjectsBackupDeleteCommand } from './commands/projects-backup-delete.command';
import { ProjectsBackupsCommand } from './commands/projects-backups.command';
import { ProjectsCreateCommand } from './commands/projects-create.command';
import { ProjectsDeleteCommand } from './commands/projects-delete.command';
import { ProjectsListCommand } from './commands/projects-list.command';
import { ProjectsRestoreCommand } from './commands/projects-restore.command';
import { TokenRotateCommand } from './commands/token-rotate.command';
import { ProjectsResumeCommand, ProjectsSuspendCommand } from './commands/projects-status.command';
import { UsersResetPasswordCommand } from './commands/users-reset-password.command';
import { PlatformContext } from './platform/platform-context';

/** Composition only: the admin commands, and the platform they boot when they need it. */
@Module({})
export class CliModule {
  static forRoot(environment: CliEnvironment): DynamicModule {
    return {
      module: CliModule,
      providers: [
        { provide: CLI_ENVIRONMENT, useValue: environment },
        CliProgram,
        PlatformContext,
        ProjectsCreateCommand,
        ProjectsListCommand,
        ProjectsDeleteCommand,
        MigrateCommand,
        TokenRotateCommand,
        ProjectsSuspendCommand,
        ProjectsResumeCommand,
        UsersResetPasswordCommand,
        ProjectsBackupCommand,
        ProjectsBackupsCommand,
        ProjectsBackupDeleteCommand,
        ProjectsRestoreCommand,
      ],
    };
  }
}
