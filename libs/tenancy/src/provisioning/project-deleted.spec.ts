import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidationBus } from '@atrium/redis';
import { projectInstanceId } from '../registry/project-instance-id';
import {
  decodeProjectDeleted,
  encodeProjectDeleted,
  onProjectDeleted,
  PROJECT_DELETED_TOPIC,
  type ProjectDeleted,
} from './project-deleted';

const project = {
  key: 'acme',
  dbServer: 'main',
  dbName: 'atrium_acme',
  createdAt: new Date(1_700_000_000_000),
};

describe('project-deleted messages', () => {
  it('carry the key and the instance id, and decode back', () => {
    const decoded = decodeProjectDeleted(encodeProjectDeleted(project));
    assert.deepEqual(decoded, { key: 'acme', instance: projectInstanceId(project) });
  });

  for (const message of [
    'acme',
    '',
    'null',
    '[]',
    '{"key":"acme"}',
    '{"instance":"acme:main/atrium_acme:1"}',
    '{"key":"","instance":"x"}',
    '{"key":"acme","instance":""}',
    '{"key":1,"instance":"x"}',
  ]) {
    it(`ignore the malformed ${JSON.stringify(message)}`, () => {
      assert.equal(decodeProjectDeleted(message), null);
    });
  }

  it('reach the handler decoded, and malformed ones never', async () => {
    const bus = new InvalidationBus(null);
    const heard: ProjectDeleted[] = [];
    onProjectDeleted(bus, (deleted) => heard.push(deleted));
    await bus.publish(PROJECT_DELETED_TOPIC, 'not json');
    await bus.publish(PROJECT_DELETED_TOPIC, encodeProjectDeleted(project));
    assert.deepEqual(heard, [{ key: 'acme', instance: projectInstanceId(project) }]);
    await bus.close();
  });
});
