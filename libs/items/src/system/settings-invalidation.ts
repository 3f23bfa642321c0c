import { Injectable } from '@nestjs/common';
import { InvalidationBus } from '@atrium/redis';
import { onProjectDeleted } from '@atrium/tenancy';

const TOPIC = 'project-settings';

/**
 * A project's `directus_settings` row changed: what a server caches of it (the asset settings) is dropped
 * on every instance. The write session announces it after the commit, however the write arrived. A
 * deleted project counts too, so nothing cached about it outlives it.
 */
@Injectable()
export class SettingsInvalidation {
  constructor(private readonly bus: InvalidationBus) {}

  settingsChanged(projectKey: string): Promise<void> {
    return this.bus.publish(TOPIC, projectKey);
  }

  /** Runs `handler` (with the project's key) after any change above, or the project's deletion. */
  onSettingsChanged(handler: (projectKey: string) => void): void {
    this.bus.on(TOPIC, handler);
    onProjectDeleted(this.bus, (deleted) => handler(deleted.key));
  }
}
