import { Injectable } from '@nestjs/common';
import { AtriumException } from '@atrium/core';
import { ProjectsService } from '@atrium/server';
import { Command } from 'nest-commander';
import { CliError } from '../errors/cli-error';
import { PlatformContext } from '../platform/platform-context';
import { CliCommand } from './cli-command';

/** Sets a project's status, as `PATCH /server/projects/:key {status}` does. Injectable, so its constructor's
 * parameter types are recorded for the two commands that inherit it. */
@Injectable()
abstract class ProjectStatusCommand extends CliCommand {
  protected abstract readonly status: 'active' | 'suspended';

  constructor(private readonly platform: PlatformContext) {
    super();
  }

  async run([key]: string[]): Promise<void> {
    const projects = await this.platform.get(ProjectsService);
    await projects.update(key, { status: this.status }).catch((error: unknown) => {
      if (error instanceof AtriumException && error.code === 'ROUTE_NOT_FOUND') {
        throw new CliError(`there is no project "${key}"; see: npm run cli -- projects:list`);
      }
      throw error;
    });
    console.log(`Project "${key}" is ${this.status}.`);
  }
}

@Command({
  name: 'projects:suspend',
  arguments: '<key>',
  description: 'Suspend a project: its API answers 503 until it is resumed; nothing is deleted.',
})
export class ProjectsSuspendCommand extends ProjectStatusCommand {
  protected readonly status = 'suspended';
}

@Command({ name: 'projects:resume', arguments: '<key>', description: 'Resume a suspended project.' })
export class ProjectsResumeCommand extends ProjectStatusCommand {
  protected readonly status = 'active';
}
