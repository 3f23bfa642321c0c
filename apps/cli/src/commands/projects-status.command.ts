import { Injectable } from '@nestjs/common';
import { ProjectsService } from '@atrium/server';
import { Command } from 'nest-commander';
import { PlatformContext } from '../platform/platform-context';
import { CliCommand } from './cli-command';
import { explainMissingProject } from './project-not-found';

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
    await projects.update(key, { status: this.status }).catch(explainMissingProject(key));
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
