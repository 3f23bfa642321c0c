import { ProjectBackups, ProjectsService } from '@atrium/server';
import { Command, Option } from 'nest-commander';
import { CliError } from '../errors/cli-error';
import { PlatformContext } from '../platform/platform-context';
import { CliCommand } from './cli-command';
import { explainMissingProject } from './project-not-found';

@Command({
  name: 'projects:delete',
  arguments: '<key>',
  description:
    'Delete a project: its database, its files and its queued jobs, after a final backup (unless --purge).',
})
export class ProjectsDeleteCommand extends CliCommand {
  constructor(private readonly platform: PlatformContext) {
    super();
  }

  async run([key]: string[], options: { yes?: boolean; purge?: boolean }): Promise<void> {
    // Checked before touching the platform: a refusal needs no database.
    if (!options.yes) {
      throw new CliError(
        options.purge
          ? `refusing to delete project "${key}" without --yes: with --purge nothing of it is kept`
          : `refusing to delete project "${key}" without --yes: its database and files are removed ` +
              '(a final backup is kept)',
      );
    }
    const missing = explainMissingProject(key);
    // As `DELETE /server/projects/:key`: the final backup must be written, or nothing is deleted.
    const backup = options.purge
      ? null
      : await (await this.platform.get(ProjectBackups)).backUpNow(key, 'final').catch(missing);
    await (await this.platform.get(ProjectsService)).delete(key).catch(missing);
    console.log(`Deleted project "${key}".`);
    if (backup) {
      console.log(
        `Its final backup is ${backup.id}; restore it with: npm run cli -- projects:restore ${backup.id} <key>`,
      );
    }
  }

  @Option({ flags: '--yes', description: 'confirm the deletion' })
  parseYes(): boolean {
    return true;
  }

  @Option({ flags: '--purge', description: 'keep no final backup: the project cannot be restored' })
  parsePurge(): boolean {
    return true;
  }
}
