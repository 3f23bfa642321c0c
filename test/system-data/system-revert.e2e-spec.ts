import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';
import { projectCaller, refusal, userWithRules, type ProjectCaller } from './caller-fixture';
import { projectWithAdmin } from './system-data-fixture';

/**
 * The action a revert's activity row records. Directus 11's `RevisionsService.revert` applies the snapshot
 * through a plain `updateOne`, which writes `update`; Atrium's items revert writes `revert` (an update that
 * says so, `Action.REVERT` of Directus's enum), and system collections share that engine, so they say the same.
 */
const REVERT_ACTION = 'revert';

interface Revision {
  id: number;
  data: Record<string, unknown>;
  activity: { action: string; collection: string; item: string; user: string | null };
}

/**
 * `POST /utils/revert/:revision` for revisions of system collections: the revision's snapshot is applied to
 * its row through the collection's ordinary update (204), the row reads as it did, and the revert is audited
 * with a revision of its own. The caller needs read on the revision and update on the system collection.
 */
describe('revert to a revision of a system collection', () => {
  let t: TestApp;
  let admin: ProjectCaller;
  let adminId: string;

  const history = async (collection: string, item: string): Promise<Revision[]> =>
    (
      await admin.ok(
        'GET',
        `/revisions?filter[collection][_eq]=${collection}&filter[item][_eq]=${item}&sort=id&limit=-1` +
          '&fields=id,data,activity.action,activity.collection,activity.item,activity.user',
      )
    ).body.data;

  before(async () => {
    t = await TestApp.start();
    admin = projectCaller(t, 'undo', await projectWithAdmin(t, 'undo'));
    adminId = (await admin.ok('GET', '/users/me?fields=id')).body.data.id;
  });
  after(async () => {
    await t?.close();
  });

  it('a role: back to the revision of its first update; it reads as it did, the revert is audited', async () => {
    const role = (await admin.ok('POST', '/roles', { name: 'Ops', icon: 'bolt' })).body.data.id as string;
    await admin.ok('PATCH', `/roles/${role}`, { name: 'Ops team', description: 'Runs things' });
    const then = (await admin.ok('GET', `/roles/${role}`)).body;
    await admin.ok('PATCH', `/roles/${role}`, { name: 'Operations', description: null, icon: 'star' });
    const before = await history('directus_roles', role);
    assert.deepEqual(
      before.map((revision) => revision.activity.action),
      ['create', 'update', 'update'],
    );

    const res = await admin.call('POST', `/utils/revert/${before[1].id}`);
    assert.equal(res.status, 204, res.text);
    assert.equal(res.text, '');
    assert.deepEqual((await admin.ok('GET', `/roles/${role}`)).body, then);
    assert.deepEqual(then.data.name, 'Ops team');

    const after = await history('directus_roles', role);
    assert.equal(after.length, 4);
    assert.deepEqual(after[3].activity, {
      action: REVERT_ACTION,
      collection: 'directus_roles',
      item: role,
      user: adminId,
    });
    assert.deepEqual(after[3].data, before[1].data, 'the new revision holds the restored snapshot');
  });

  it('a folder: back to its create revision', async () => {
    const parent = (await admin.ok('POST', '/folders', { name: 'Root' })).body.data.id as string;
    const folder = (await admin.ok('POST', '/folders', { name: 'Inbox' })).body.data.id as string;
    const then = (await admin.ok('GET', `/folders/${folder}`)).body;
    assert.deepEqual(then, { data: { id: folder, name: 'Inbox', parent: null } });
    await admin.ok('PATCH', `/folders/${folder}`, { name: 'Archive', parent });
    const [created] = await history('directus_folders', folder);

    const res = await admin.call('POST', `/utils/revert/${created.id}`);
    assert.equal(res.status, 204, res.text);
    assert.deepEqual((await admin.ok('GET', `/folders/${folder}`)).body, then);
    const after = await history('directus_folders', folder);
    assert.deepEqual(
      after.map((revision) => revision.activity.action),
      ['create', 'update', REVERT_ACTION],
    );
  });

  it('a non-admin needs read on the revision and update on the system collection', async () => {
    const role = (await admin.ok('POST', '/roles', { name: 'Draft' })).body.data.id as string;
    await admin.ok('PATCH', `/roles/${role}`, { name: 'Draft, edited' });
    const [created] = await history('directus_roles', role);
    const clerk = await userWithRules(t, 'undo', admin, 'clerk@undo.test', [
      {
        collection: 'directus_revisions',
        action: 'read',
        fields: ['*'],
        permissions: { collection: { _eq: 'directus_roles' } },
      },
    ]);
    const name = async () => (await admin.ok('GET', `/roles/${role}?fields=name`)).body.data.name;

    // Reading the revision alone is not enough.
    const refused = await clerk.caller.call('POST', `/utils/revert/${created.id}`);
    assert.deepEqual(refusal(refused), { status: 403, code: 'FORBIDDEN' }, refused.text);
    assert.equal(await name(), 'Draft, edited');

    const update = (
      await admin.ok('POST', '/permissions', {
        policy: clerk.policy,
        collection: 'directus_roles',
        action: 'update',
        fields: ['*'],
      })
    ).body.data.id;
    const reverted = await clerk.caller.call('POST', `/utils/revert/${created.id}`);
    assert.equal(reverted.status, 204, reverted.text);
    assert.equal(await name(), 'Draft');
    const [latest] = (await history('directus_roles', role)).slice(-1);
    assert.deepEqual(latest.activity, {
      action: REVERT_ACTION,
      collection: 'directus_roles',
      item: role,
      user: clerk.id,
    });

    // Without the update rule the same revert is refused again and changes nothing.
    await admin.ok('PATCH', `/roles/${role}`, { name: 'Draft, third' });
    await admin.ok('DELETE', `/permissions/${update}`);
    const again = await clerk.caller.call('POST', `/utils/revert/${created.id}`);
    assert.deepEqual(refusal(again), { status: 403, code: 'FORBIDDEN' }, again.text);
    assert.equal(await name(), 'Draft, third');
  });
});
