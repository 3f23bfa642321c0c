import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidationBus } from '@atrium/redis';
import type { ProjectEntity } from '../registry/project.entity';
import { ProjectCleanups } from './project-cleanups';
import { onProjectDeleted } from './project-deleted';

const project = {
  key: 'acme',
  dbServer: 'main',
  dbName: 'atrium_acme',
  createdAt: new Date(1_700_000_000_000),
} as ProjectEntity;

describe('ProjectCleanups', () => {
  it('tells every instance first, then runs each step once with the key', async () => {
    const bus = new InvalidationBus(null);
    const cleanups = new ProjectCleanups(bus);
    const events: string[] = [];
    onProjectDeleted(bus, (deleted) => events.push(`broadcast ${deleted.key}`));
    cleanups.register('files', async (key) => void events.push(`files ${key}`));
    cleanups.register('jobs', async (key) => void events.push(`jobs ${key}`));
    await cleanups.run(project);
    assert.deepEqual(events, ['broadcast acme', 'files acme', 'jobs acme']);
    await bus.close();
  });

  it('runs the other steps when one fails', async () => {
    const bus = new InvalidationBus(null);
    const cleanups = new ProjectCleanups(bus);
    const ran: string[] = [];
    cleanups.register('broken', async () => {
      throw new Error('disk gone');
    });
    cleanups.register('files', async (key) => void ran.push(key));
    await cleanups.run(project);
    assert.deepEqual(ran, ['acme']);
    await bus.close();
  });
});
