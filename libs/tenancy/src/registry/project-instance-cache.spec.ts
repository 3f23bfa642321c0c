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

  it('drops the least recently used project beyond max: reads and writes count as uses', () => {
    const cache = new ProjectInstanceCache<number>({ max: 3 });
    cache.set(project('aa'), 1);
    cache.set(project('bb'), 2);
    cache.set(project('cc'), 3);
    cache.get(project('aa'));
    cache.set(project('bb'), 4);
    cache.set(project('dd'), 5);
    assert.equal(cache.get(project('cc')), undefined, 'cc was the least recently used');
    assert.equal(cache.get(project('aa')), 1);
    assert.equal(cache.get(project('bb')), 4);
    assert.equal(cache.size, 3);
  });

  it('a read for another provisioning does not count as a use', () => {
    const cache = new ProjectInstanceCache<number>({ max: 2 });
    cache.set(project('aa'), 1);
    cache.set(project('bb'), 2);
    cache.get(project('aa', 1));
    cache.set(project('cc'), 3);
    assert.equal(cache.get(project('aa')), undefined, 'aa stayed the least recently used');
    assert.equal(cache.get(project('bb')), 2);
  });

  it('fetches once for callers arriving together and forgets a failed load', async () => {
    const cache = new ProjectInstanceCache<number>();
    let calls = 0;
    const both = await Promise.all([
      cache.fetch(project('aa'), async () => ++calls),
      cache.fetch(project('aa'), async () => ++calls),
    ]);
    assert.deepEqual(both, [1, 1]);
    assert.equal(await cache.fetch(project('aa'), async () => ++calls), 1, 'answered from the cache');
    await assert.rejects(
      cache.fetch(project('bb'), () => Promise.reject(new Error('down'))),
      /down/,
    );
    assert.equal(await cache.fetch(project('bb'), async () => 7), 7);
    assert.equal(await cache.fetch(project('aa', 1), async () => 9), 9, 'a re-created project loads afresh');
  });

  it('does not store a load whose key was dropped while it ran', async () => {
    const cache = new ProjectInstanceCache<number>();
    let finish: (value: number) => void = () => undefined;
    const loading = cache.fetch(project('aa'), () => new Promise<number>((resolve) => (finish = resolve)));
    cache.delete('aa');
    finish(1);
    assert.equal(await loading, 1, 'its caller still gets what it loaded');
    assert.equal(cache.get(project('aa')), undefined);
  });

  it('keeps no loaded value with a TTL of 0, still sharing a load among callers arriving together', async () => {
    const cache = new ProjectInstanceCache<number>({ ttlMs: 0 });
    let loads = 0;
    const load = async () => ++loads;
    const [a, b] = await Promise.all([
      cache.fetch(project('acme'), load),
      cache.fetch(project('acme'), load),
    ]);
    assert.deepEqual([a, b], [1, 1]);
    assert.equal(await cache.fetch(project('acme'), load), 2);
  });
});
