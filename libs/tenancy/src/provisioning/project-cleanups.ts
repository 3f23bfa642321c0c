import { Injectable, Logger } from '@nestjs/common';

export type ProjectCleanup = (projectKey: string) => Promise<void>;

/**
 * What other modules must forget when a project is deleted (stored files, queued jobs, caches). Each module
 * registers its own step at start-up, so deletion does not need to know them all.
 */
@Injectable()
export class ProjectCleanups {
  private readonly logger = new Logger(ProjectCleanups.name);
  private readonly steps = new Map<string, ProjectCleanup>();

  register(name: string, step: ProjectCleanup): void {
    this.steps.set(name, step);
  }

  /** Runs every step; a failing step is logged and does not stop the others (the project is already gone). */
  async run(projectKey: string): Promise<void> {
    await Promise.all(
      [...this.steps].map(async ([name, step]) => {
        try {
          await step(projectKey);
        } catch (error) {
          this.logger.error(
            { project: projectKey, step: name, err: { message: (error as Error).message } },
            'cleanup failed',
          );
        }
      }),
    );
  }
}
