import { ProjectBackups } from '@atrium/server';
import { Command, Option } from 'nest-commander';
import { describeBackup } from '../output/backups-table';
import { PlatformContext } from '../platform/platform-context';
import { CliCommand } from './cli-command';
import { explainMissingProject } from './project-not-found';

@Command({
  name: 'projects:backup',
  arguments: '<key>',
  description:
    "Back up a project now (schema, every table's rows, its files) into platform storage, and wait for it.",
})
export class ProjectsBackupCommand extends CliCommand {
  constructor(private readonly platform: PlatformContext) {
    super();
  }

  async run([key]: string[], options: { json?: boolean }): Promise<void> {
    const backups = await this.platform.get(ProjectBackups);
    const backup = await backups.backUpNow(key, 'manual').catch(explainMissingProject(key));
    if (options.json) {
      console.log(JSON.stringify(backup, null, 2));
      return;
    }
    console.log(`Backed up project "${key}": ${describeBackup(backup)}.`);
    console.log(`Restore it with: npm run cli -- projects:restore ${backup.id} <new-key>`);
  }

  @Option({ flags: '--json', description: 'print the backup as JSON' })
  parseJson(): boolean {
    return true;
  }
}
