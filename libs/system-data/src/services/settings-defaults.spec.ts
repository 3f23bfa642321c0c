import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CollectionOverview, FieldOverview } from '@atrium/schema';
import { settingsDefaults } from './settings-defaults';

/** A column as the overview describes it; only what the defaults read is filled in. */
function column(field: string, defaultValue: unknown, serial = false): FieldOverview {
  const schema = { default_value: defaultValue, has_auto_increment: serial };
  return { collection: 'directus_settings', field, type: 'string', schema, meta: null } as FieldOverview;
}

const SETTINGS = {
  collection: 'directus_settings',
  primary: 'id',
  fields: Object.fromEntries(
    [
      column('id', null, true),
      column('project_name', 'Directus'),
      column('project_logo', null),
      column('auth_login_attempts', 25),
      column('default_language', 'en-US'),
      column('public_registration', false),
      { collection: 'directus_settings', field: 'an_alias', type: 'alias', schema: null, meta: null },
    ].map((field) => [field.field, field]),
  ),
} as unknown as CollectionOverview;

describe('settingsDefaults', () => {
  const cases: Array<[string, string[] | null, Record<string, string> | null, Record<string, unknown>]> = [
    [
      'the named fields',
      ['id', 'project_name', 'public_registration'],
      null,
      { id: null, project_name: 'Directus', public_registration: false },
    ],
    ['a relational path as null', ['project_logo.id'], null, { project_logo: null }],
    ['an alias from its source', ['name'], { name: 'project_name' }, { name: 'Directus' }],
  ];
  for (const [name, fields, alias, expected] of cases) {
    it(name, () => assert.deepEqual(settingsDefaults(SETTINGS, { fields, alias }), expected));
  }

  it('expands * (and no fields) to every column of the collection', () => {
    for (const fields of [null, ['*']]) {
      const all = settingsDefaults(SETTINGS, { fields, alias: null });
      assert.deepEqual(Object.keys(all), [
        'id',
        'project_name',
        'project_logo',
        'auth_login_attempts',
        'default_language',
        'public_registration',
      ]);
      assert.equal(all.default_language, 'en-US');
      assert.equal(all.auth_login_attempts, 25);
    }
  });
});
