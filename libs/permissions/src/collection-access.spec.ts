import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessFor, combineRules } from './collection-access';
import { effectivePermissions } from './effective-permissions';
import type { PermissionRule, PolicyGrant } from './permission-types';

function rule(partial: Partial<PermissionRule>): PermissionRule {
  return {
    collection: 'articles',
    action: 'read',
    fields: '*',
    permissions: null,
    validation: null,
    presets: null,
    policy: 'p',
    ...partial,
  };
}

const PUBLISHED = { status: { _eq: 'published' } };
const MINE = { author: { _eq: '$CURRENT_USER' } };
const ALL_FIELDS = ['id', 'title', 'status', 'author', 'internal_notes'];

describe('combineRules', () => {
  it('one unfiltered * rule reads everything', () => {
    assert.deepEqual(combineRules([rule({})], ALL_FIELDS), { rowFilter: null, fields: '*' });
  });

  it('a filtered rule becomes the row filter', () => {
    assert.deepEqual(combineRules([rule({ permissions: PUBLISHED })], ALL_FIELDS), {
      rowFilter: PUBLISHED,
      fields: '*',
    });
  });

  it('two filtered rules reach the union of their items', () => {
    const access = combineRules([rule({ permissions: PUBLISHED }), rule({ permissions: MINE })], ALL_FIELDS);
    assert.deepEqual(access, { rowFilter: { _or: [PUBLISHED, MINE] }, fields: '*' });
  });

  it('an unfiltered rule among filtered ones opens every item', () => {
    const access = combineRules([rule({ permissions: PUBLISHED }), rule({ fields: ['id'] })], ALL_FIELDS);
    assert.equal(access.rowFilter, null);
  });

  it('fields granted by only some rules are readable only on the items those rules reach', () => {
    const access = combineRules(
      [
        rule({ permissions: PUBLISHED, fields: ['id', 'title'] }),
        rule({ permissions: MINE, fields: ['id', 'title', 'internal_notes'] }),
      ],
      ALL_FIELDS,
    );
    assert.deepEqual(access, {
      rowFilter: { _or: [PUBLISHED, MINE] },
      fields: ['id', 'title', 'internal_notes'],
      fieldFilters: { internal_notes: MINE },
    });
  });

  it('a * rule beside a listed one expands to every field, conditioning those the list lacks', () => {
    const access = combineRules(
      [rule({ permissions: PUBLISHED, fields: ['id', 'title'] }), rule({ permissions: MINE })],
      ALL_FIELDS,
    );
    assert.deepEqual(access, {
      rowFilter: { _or: [PUBLISHED, MINE] },
      fields: ALL_FIELDS,
      fieldFilters: { status: MINE, author: MINE, internal_notes: MINE },
    });
  });

  it('a field granted by an unfiltered rule needs no condition', () => {
    const access = combineRules(
      [rule({ fields: ['id', 'title'] }), rule({ permissions: MINE, fields: ['id', 'internal_notes'] })],
      ALL_FIELDS,
    );
    assert.deepEqual(access, {
      rowFilter: null,
      fields: ['id', 'title', 'internal_notes'],
      fieldFilters: { internal_notes: MINE },
    });
  });
});

describe('accessFor', () => {
  it('keeps only the action asked for, and omits collections without rules', () => {
    const access = accessFor(
      [rule({ action: 'update', permissions: MINE }), rule({ collection: 'tags' })],
      'read',
      () => ALL_FIELDS,
    );
    assert.deepEqual(access, { collections: { tags: { rowFilter: null, fields: '*' } } });
  });
});

describe('effectivePermissions', () => {
  const grant = (partial: Partial<PolicyGrant>): PolicyGrant => ({
    id: 'g',
    admin_access: false,
    app_access: false,
    enforce_tfa: false,
    ip_access: null,
    rules: [],
    ...partial,
  });

  it('drops policies whose ip_access refuses the caller, admin included', () => {
    const effective = effectivePermissions(
      [
        grant({ id: 'a', admin_access: true, ip_access: '10.0.0.0/8' }),
        grant({ id: 'b', rules: [rule({})] }),
      ],
      ['r1'],
      '192.168.0.1',
    );
    assert.equal(effective.admin, false);
    assert.deepEqual(effective.policies, ['b']);
    assert.equal(effective.rules.length, 1);
    assert.deepEqual(effective.roles, ['r1']);
  });

  it('app_access adds the minimal system reads', () => {
    const effective = effectivePermissions([grant({ app_access: true })], [], null);
    assert.equal(effective.app, true);
    assert.ok(effective.rules.some((r) => r.collection === 'directus_users' && r.action === 'read'));
    assert.ok(!effective.rules.some((r) => r.collection === 'directus_users' && r.action === 'update'));
  });

  it('without app_access there are no system reads', () => {
    assert.deepEqual(effectivePermissions([grant({})], [], null).rules, []);
  });
});
