import { AtriumException } from '@atrium/core';
import { ProjectsService } from '@atrium/server';
import { isEmail } from 'class-validator';
import { Command, Option } from 'nest-commander';
import { CliError } from '../errors/cli-error';
import { renderProjectDetails } from '../output/projects-table';
import { PlatformContext } from '../platform/platform-context';
import { CliCommand } from './cli-command';

interface CreateOptions {
  adminEmail: string;
  adminPassword: string;
  name?: string;
  json?: boolean;
}

/** The same limits `POST /server/projects` enforces on its body (apps/api project.dto.ts). */
function inputProblem(options: CreateOptions): string | null {
  if (!isEmail(options.adminEmail) || options.adminEmail.length > 128) {
    return '--admin-email must be an e-mail address (at most 128 characters)';
  }
  if (options.adminPassword.length < 8 || options.adminPassword.length > 256) {
    return '--admin-password must be 8-256 characters';
  }
  if (options.name !== undefined && (options.name.length < 1 || options.name.length > 100)) {
    return '--name must be 1-100 characters';
  }
  return null;
}

@Command({
  name: 'projects:create',
  arguments: '<key>',
  argsDescription: { key: 'the project key: 2-40 of a-z 0-9 _ -, starting with a letter' },
  description: 'Create a project: its database, its admin user and its settings.',
})
export class ProjectsCreateCommand extends CliCommand {
  constructor(private readonly platform: PlatformContext) {
    super();
  }

  async run([key]: string[], options: CreateOptions): Promise<void> {
    const problem = inputProblem(options);
    if (problem) throw new CliError(problem);
    const projects = await this.platform.get(ProjectsService);
    const project = await projects
      .create({
        project: key,
        name: options.name,
        adminEmail: options.adminEmail,
        adminPassword: options.adminPassword,
      })
      .catch((error: unknown) => {
        if (error instanceof AtriumException && error.code === 'RECORD_NOT_UNIQUE') {
          throw new CliError(`a project with the key "${key}" already exists`);
        }
        throw error;
      });
    if (options.json) {
      console.log(JSON.stringify(project, null, 2));
      return;
    }
    console.log(`Created project "${project.key}".`);
    process.stdout.write(renderProjectDetails(project));
    console.log(`Its admin signs in as ${options.adminEmail}.`);
  }

  @Option({
    flags: '--admin-email <email>',
    description: "the project admin's e-mail address",
    required: true,
  })
  parseAdminEmail(value: string): string {
    return value;
  }

  @Option({
    flags: '--admin-password <password>',
    description: "the project admin's password (8+ characters)",
    required: true,
  })
  parseAdminPassword(value: string): string {
    return value;
  }

  @Option({ flags: '--name <name>', description: 'display name (default: the key)' })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'print the project as JSON' })
  parseJson(): boolean {
    return true;
  }
}
