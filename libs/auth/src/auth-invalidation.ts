import { Injectable } from '@nestjs/common';
import { InvalidationBus } from '@atrium/redis';
import { onProjectDeleted } from '@atrium/tenancy';

const TOPIC = 'project-auth';

/**
 * Users, roles, policies or access rows of a project changed: cached identities (static tokens, policy
 * flags) of that project are dropped on every instance. Call it after the change committed. A deleted
 * project counts as changed too, so nothing cached about it outlives it on any instance.
 */
@Injectable()
export class AuthInvalidation {
  constructor(private readonly bus: InvalidationBus) {}

  projectChanged(projectKey: string): Promise<void> {
    return this.bus.publish(TOPIC, projectKey);
  }

  /** Runs `handler` (with the project's key) after any change above, or the project's deletion. */
  onProjectChanged(handler: (projectKey: string) => void): void {
    this.bus.on(TOPIC, handler);
    this.onProjectDeleted(handler);
  }

  /** Runs `handler` (with the project's key) when any instance deletes a project. */
  onProjectDeleted(handler: (projectKey: string) => void): void {
    onProjectDeleted(this.bus, (deleted) => handler(deleted.key));
  }
}
