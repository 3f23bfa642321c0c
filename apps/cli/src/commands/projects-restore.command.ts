import { AtriumException } from '@atrium/core';
import { ProjectBackups } from '@atrium/server';
import { Command, Option } from 'nest-commander';
import { CliError } from '../errors/cli-error';
import { renderProjectDetails } from '../output/projects-table';
import { PlatformContext } from '../platform/platform-context';
import { CliCommand } from './cli-command';

@Command({
  name: 'projects:restore',
  arguments: '<backup-id> <key>',
  argsDescription: {
    'backup-id': 'a backup of projects:backups',
    key: 'the new project key (a backup is never restored over a live project)',
  },
  description:
    'Restore a backup into a new project: schema, rows (verified by count and checksum), files and users.',
})
export class ProjectsRestoreCommand extends CliCommand {
  constructor(private readonly platform: PlatformContext) {
    super();
  }

  async run([backupId, key]: string[], options: { name?: string; json?: boolean }): Promise<void> {
    const backups = await this.platform.get(ProjectBackups);
    const project = await backups
      .restore(backupId, { project: key, ...(options.name === undefined ? {} : { name: options.name }) })
      .catch((error: unknown) => {
        if (error instanceof AtriumException && error.code === 'RECORD_NOT_UNIQUE') {
          throw new CliError(`a project with the key "${key}" already exists`);
        }
        if (error instanceof AtriumException && error.code === 'INVALID_PAYLOAD') {
          // The API's message names its body field; here the backup is an argument.
          const reason =
            typeof error.extensions.reason === 'string' ? error.extensions.reason : error.message;
          throw new CliError(reason.replace(/^"from_backup": /, ''));
        }
        throw error;
      });
    if (options.json) {
      console.log(JSON.stringify(project, null, 2));
      return;
    }
    console.log(`Restored backup ${backupId} into project "${project.key}".`);
    process.stdout.write(renderProjectDetails(project));
    console.log("Its users are the backup's: they sign in as before.");
  }

  @Option({ flags: '--name <name>', description: 'the new project name (default: the key)' })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'print the project as JSON' })
  parseJson(): boolean {
    return true;
  }
}
