import { Injectable } from '@nestjs/common';
import { InvalidationBus } from '@atrium/redis';

const TOPIC = 'project-auth';

/**
 * Users, roles, policies or access rows of a project changed: cached identities (static tokens, policy
 * flags) of that project are dropped on every instance. Call it after the change committed.
 */
@Injectable()
export class AuthInvalidation {
  constructor(private readonly bus: InvalidationBus) {}

  projectChanged(projectKey: string): Promise<void> {
    return this.bus.publish(TOPIC, projectKey);
  }

  onProjectChanged(handler: (projectKey: string) => void): void {
    this.bus.on(TOPIC, handler);
  }
}
