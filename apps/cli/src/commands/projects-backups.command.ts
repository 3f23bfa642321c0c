import { ProjectBackups } from '@atrium/server';
import { Command, Option } from 'nest-commander';
import { renderBackupsTable } from '../output/backups-table';
import { PlatformContext } from '../platform/platform-context';
import { CliCommand } from './cli-command';

@Command({
  name: 'projects:backups',
  arguments: '<key>',
  description: "List a project's backups, newest first (also a deleted project's final backup).",
})
export class ProjectsBackupsCommand extends CliCommand {
  constructor(private readonly platform: PlatformContext) {
    super();
  }

  async run([key]: string[], options: { json?: boolean }): Promise<void> {
    const backups = await (await this.platform.get(ProjectBackups)).list(key);
    if (options.json) console.log(JSON.stringify(backups, null, 2));
    else process.stdout.write(renderBackupsTable(key, backups));
  }

  @Option({ flags: '--json', description: 'print the backups as JSON' })
  parseJson(): boolean {
    return true;
  }
}
