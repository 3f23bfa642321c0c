import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProjectInstanceCache } from './project-instance-cache';

function project(key: string, createdAt = 1_700_000_000_000) {
  return { key, dbServer: 'main', dbName: `atrium_${key}`, createdAt: new Date(createdAt) };
}

describe('ProjectInstanceCache', () => {
  it('answers for the provisioning a value was stored for', () => {
    const cache = new ProjectInstanceCache<string>();
    cache.set(project('acme'), 'one');
    assert.equal(cache.get(project('acme')), 'one');
    assert.equal(cache.get(project('other')), undefined);
  });

  it('never answers for a project re-created under the same key', () => {
    const cache = new ProjectInstanceCache<string>();
    const old = project('acme');
    const recreated = project('acme', 1_700_000_000_001);
    cache.set(old, 'old');
    assert.equal(cache.get(recreated), undefined);
    assert.equal(cache.get({ ...old, dbServer: 'replica' }), undefined, 'moved to another server');
    assert.equal(cache.get({ ...old, dbName: 'elsewhere' }), undefined, 'another database');
  });

  it('hands back the other provisioning’s value it replaces, not its own', () => {
    const cache = new ProjectInstanceCache<string>();
    assert.equal(cache.set(project('acme'), 'old'), undefined);
    assert.equal(cache.set(project('acme'), 'again'), undefined);
    assert.equal(cache.set(project('acme', 1_800_000_000_000), 'new'), 'again');
    assert.equal(cache.get(project('acme', 1_800_000_000_000)), 'new');
    assert.equal(cache.get(project('acme')), undefined);
    assert.equal(cache.size, 1);
  });

  it('drops by key whatever the provisioning, and only a given value when asked', () => {
    const cache = new ProjectInstanceCache<string>();
    cache.set(project('acme'), 'one');
    assert.equal(cache.delete('acme', 'another'), undefined);
    assert.equal(cache.get(project('acme')), 'one');
    assert.equal(cache.delete('acme'), 'one');
    assert.equal(cache.delete('acme'), undefined);
    assert.equal(cache.get(project('acme')), undefined);
    assert.equal(cache.size, 0);
  });

  it('keeps recency order: reads and writes move a key to the end', () => {
    const cache = new ProjectInstanceCache<number>();
    cache.set(project('aa'), 1);
    cache.set(project('bb'), 2);
    cache.set(project('cc'), 3);
    assert.equal(cache.oldestKey(), 'aa');
    cache.get(project('aa'));
    assert.equal(cache.oldestKey(), 'bb');
    cache.set(project('bb'), 4);
    assert.deepEqual(
      [...cache.entries()],
      [
        ['cc', 3],
        ['aa', 1],
        ['bb', 4],
      ],
    );
    assert.equal(new ProjectInstanceCache().oldestKey(), undefined);
  });

  it('a read for another provisioning does not count as a use', () => {
    const cache = new ProjectInstanceCache<number>();
    cache.set(project('aa'), 1);
    cache.set(project('bb'), 2);
    cache.get(project('aa', 1));
    assert.equal(cache.oldestKey(), 'aa');
  });
});
