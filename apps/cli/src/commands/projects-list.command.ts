import { ProjectsService } from '@atrium/server';
import { Command, Option } from 'nest-commander';
import { renderProjectsTable } from '../output/projects-table';
import { PlatformContext } from '../platform/platform-context';
import { CliCommand } from './cli-command';

@Command({
  name: 'projects:list',
  description: 'List projects with their statistics (collections, entries, size, files, record times).',
})
export class ProjectsListCommand extends CliCommand {
  constructor(private readonly platform: PlatformContext) {
    super();
  }

  async run(_params: string[], options: { json?: boolean }): Promise<void> {
    // The stats last measured (the API measures in the background); `projects:list` does not visit every database.
    const { data: projects } = await (await this.platform.get(ProjectsService)).list();
    if (options.json) {
      // The same objects GET /server/projects returns in `data` (record times in µs since the epoch).
      console.log(JSON.stringify(projects, null, 2));
      return;
    }
    process.stdout.write(renderProjectsTable(projects));
  }

  @Option({ flags: '--json', description: 'print the projects as a JSON array (for scripts)' })
  parseJson(): boolean {
    return true;
  }
}
