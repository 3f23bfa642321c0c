import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompiledQuery } from '../query-types';
import { boundValues } from '../testing/compile.helpers';
import { USERS_OVERVIEW } from '../testing/overview.fixture';
import { loadDynamicVariables } from './load-dynamic-variables';

const USER = '0b7d3c1e-4f1a-4c2e-9d3b-5a6f7e8d9c01';
const ROLE = '9c1e2d3f-aaaa-4bbb-8ccc-123456789abc';

/** A connection that answers each statement with the next canned `data` and records what it ran. */
function fakeDb(...answers: unknown[]) {
  const statements: CompiledQuery[] = [];
  return {
    statements,
    async query(statement: CompiledQuery) {
      statements.push(statement);
      return { rows: [{ result: { data: answers.shift() ?? null } }] };
    },
  };
}

describe('loadDynamicVariables', () => {
  it('reads every user path in ONE statement, by the user key, and maps each name to its value', async () => {
    const db = fakeDb({ org: 7, email: 'a@x.io', role: { name: 'Editors' } });
    const names = ['$CURRENT_USER.org', '$CURRENT_USER.email', '$CURRENT_USER.role.name'];
    const values = await loadDynamicVariables(db, USERS_OVERVIEW, { userId: USER, roleId: ROLE }, names);
    assert.deepEqual(values, {
      '$CURRENT_USER.org': 7,
      '$CURRENT_USER.email': 'a@x.io',
      '$CURRENT_USER.role.name': 'Editors',
    });
    assert.equal(db.statements.length, 1);
    const [statement] = db.statements;
    assert.deepEqual(boundValues(statement, 'FROM "directus_users" AS t0 WHERE t0."id" = $? LIMIT 1'), [
      USER,
    ]);
    assert.match(statement.text, /FROM "directus_roles" AS t\d+ WHERE t\d+\."id" = t0\."role"/);
  });

  it('reads role paths from the role row; a path through a to-many relation gives the list', async () => {
    const db = fakeDb({
      name: 'Editors',
      users: [{ email: 'a@x.io' }, { email: null }, { email: 'b@x.io' }],
    });
    const values = await loadDynamicVariables(db, USERS_OVERVIEW, { userId: USER, roleId: ROLE }, [
      '$CURRENT_ROLE.name',
      '$CURRENT_ROLE.users.email',
      '$CURRENT_ROLE.users',
    ]);
    assert.deepEqual(values['$CURRENT_ROLE.name'], 'Editors');
    assert.deepEqual(values['$CURRENT_ROLE.users.email'], ['a@x.io', null, 'b@x.io']);
    assert.equal(db.statements.length, 1);
    assert.deepEqual(
      boundValues(db.statements[0], 'FROM "directus_roles" AS t0 WHERE t0."id" = $? LIMIT 1'),
      [ROLE],
    );
  });

  it('one statement per source when both are asked for', async () => {
    const db = fakeDb({ org: 1 }, { name: 'R' });
    const values = await loadDynamicVariables(db, USERS_OVERVIEW, { userId: USER, roleId: ROLE }, [
      '$CURRENT_USER.org',
      '$CURRENT_ROLE.name',
    ]);
    assert.deepEqual(values, { '$CURRENT_USER.org': 1, '$CURRENT_ROLE.name': 'R' });
    assert.equal(db.statements.length, 2);
  });

  it('a missing user row → every value null', async () => {
    const db = fakeDb(null);
    const values = await loadDynamicVariables(db, USERS_OVERVIEW, { userId: USER, roleId: null }, [
      '$CURRENT_USER.org',
      '$CURRENT_USER.role.name',
    ]);
    assert.deepEqual(values, { '$CURRENT_USER.org': null, '$CURRENT_USER.role.name': null });
  });

  it('an anonymous caller → null without a query', async () => {
    const db = fakeDb();
    const values = await loadDynamicVariables(db, USERS_OVERVIEW, { userId: null, roleId: null }, [
      '$CURRENT_USER.org',
      '$CURRENT_ROLE.name',
    ]);
    assert.deepEqual(values, { '$CURRENT_USER.org': null, '$CURRENT_ROLE.name': null });
    assert.equal(db.statements.length, 0);
  });

  it('a path the schema cannot read is null and left out of the statement; others still load', async () => {
    const db = fakeDb({ org: 3 });
    const values = await loadDynamicVariables(db, USERS_OVERVIEW, { userId: USER, roleId: null }, [
      '$CURRENT_USER.nope',
      '$CURRENT_USER.org',
      '$CURRENT_USER.org.name',
    ]);
    assert.deepEqual(values, {
      '$CURRENT_USER.nope': null,
      '$CURRENT_USER.org': 3,
      '$CURRENT_USER.org.name': null,
    });
    assert.equal(db.statements.length, 1);
    assert.ok(!db.statements[0].values.includes('nope'));
  });

  it('a user key that is not a uuid reads nothing', async () => {
    const db = fakeDb();
    const values = await loadDynamicVariables(db, USERS_OVERVIEW, { userId: 'x', roleId: null }, [
      '$CURRENT_USER.org',
    ]);
    assert.deepEqual(values, { '$CURRENT_USER.org': null });
    assert.equal(db.statements.length, 0);
  });
});
