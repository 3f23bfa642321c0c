import { AtriumException } from '@atrium/core';
import { ProjectBackups } from '@atrium/server';
import { Command, Option } from 'nest-commander';
import { CliError } from '../errors/cli-error';
import { PlatformContext } from '../platform/platform-context';
import { CliCommand } from './cli-command';

@Command({
  name: 'projects:backup-delete',
  arguments: '<key> <backup-id>',
  argsDescription: { key: 'the project the backup is of', 'backup-id': 'a backup of projects:backups' },
  description: "Delete one of a project's finished or failed backups: its archive and its row.",
})
export class ProjectsBackupDeleteCommand extends CliCommand {
  constructor(private readonly platform: PlatformContext) {
    super();
  }

  async run([key, backupId]: string[], options: { yes?: boolean }): Promise<void> {
    // Checked before touching the platform: a refusal needs no database.
    if (!options.yes) {
      throw new CliError(`refusing to delete backup ${backupId} without --yes: it cannot be restored after`);
    }
    await (await this.platform.get(ProjectBackups)).remove(key, backupId).catch((error: unknown) => {
      if (error instanceof AtriumException && error.code === 'ROUTE_NOT_FOUND') {
        throw new CliError(
          `project "${key}" has no backup ${backupId}; see: npm run cli -- projects:backups ${key}`,
        );
      }
      throw error;
    });
    console.log(`Deleted backup ${backupId} of project "${key}".`);
  }

  @Option({ flags: '--yes', description: 'confirm the deletion' })
  parseYes(): boolean {
    return true;
  }
}
