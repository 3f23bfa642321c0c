import { AtriumException } from '@atrium/core';
import { ProjectsService } from '@atrium/server';
import { Command, Option } from 'nest-commander';
import { CliError } from '../errors/cli-error';
import { PlatformContext } from '../platform/platform-context';
import { CliCommand } from './cli-command';

@Command({
  name: 'projects:delete',
  arguments: '<key>',
  description: 'Delete a project for good: its database, its files and its queued jobs.',
})
export class ProjectsDeleteCommand extends CliCommand {
  constructor(private readonly platform: PlatformContext) {
    super();
  }

  async run([key]: string[], options: { yes?: boolean }): Promise<void> {
    // Checked before touching the platform: a refusal needs no database.
    if (!options.yes) {
      throw new CliError(
        `refusing to delete project "${key}" without --yes: its database and files are removed permanently`,
      );
    }
    const projects = await this.platform.get(ProjectsService);
    await projects.delete(key).catch((error: unknown) => {
      if (error instanceof AtriumException && error.code === 'ROUTE_NOT_FOUND') {
        throw new CliError(`there is no project "${key}"; see: npm run cli -- projects:list`);
      }
      throw error;
    });
    console.log(`Deleted project "${key}".`);
  }

  @Option({ flags: '--yes', description: 'confirm: the deletion cannot be undone' })
  parseYes(): boolean {
    return true;
  }
}
