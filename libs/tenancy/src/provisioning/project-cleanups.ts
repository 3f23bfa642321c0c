import { Injectable, Logger } from '@nestjs/common';
import { InvalidationBus } from '@atrium/redis';
import type { ProjectEntity } from '../registry/project.entity';
import { encodeProjectDeleted, PROJECT_DELETED_TOPIC } from './project-deleted';

export type ProjectCleanup = (projectKey: string) => Promise<void>;

/**
 * What other modules must forget when a project is deleted. Shared state (stored files, queued jobs) is
 * removed once, by steps each module registers at start-up, so deletion does not need to know them all.
 * In-memory caches live on every API instance: they listen for `PROJECT_DELETED_TOPIC` (`onProjectDeleted`),
 * which this broadcasts first.
 */
@Injectable()
export class ProjectCleanups {
  private readonly logger = new Logger(ProjectCleanups.name);
  private readonly steps = new Map<string, ProjectCleanup>();

  constructor(private readonly bus: InvalidationBus) {}

  register(name: string, step: ProjectCleanup): void {
    this.steps.set(name, step);
  }

  /**
   * Tells every instance to drop the project's caches, then runs every step; a failing step is logged and
   * does not stop the others (the project is already gone).
   */
  async run(project: ProjectEntity): Promise<void> {
    // The bus never throws: a peer that misses the message still never serves the old project from a
    // cache, since those are keyed by its instance id; it only holds the memory until the entry ages out.
    await this.bus.publish(PROJECT_DELETED_TOPIC, encodeProjectDeleted(project));
    await Promise.all(
      [...this.steps].map(async ([name, step]) => {
        try {
          await step(project.key);
        } catch (error) {
          this.logger.error(
            { project: project.key, step: name, err: { message: (error as Error).message } },
            'cleanup failed',
          );
        }
      }),
    );
  }
}
