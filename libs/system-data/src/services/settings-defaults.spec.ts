import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SETTINGS } from '../definitions/settings.definition';
import { settingsDefaults } from './settings-defaults';

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

  it('expands * (and no fields) to every field of the definition', () => {
    for (const fields of [null, ['*']]) {
      const all = settingsDefaults(SETTINGS, { fields, alias: null });
      assert.deepEqual(
        Object.keys(all),
        SETTINGS.fields.map((field) => field.name),
      );
      assert.equal(all.default_language, 'en-US');
      assert.equal(all.auth_login_attempts, 25);
    }
  });
});
