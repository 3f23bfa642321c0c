import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Client } from 'pg';
import { verifyPassword } from '@atrium/core';
import { withDatabase } from '@atrium/tenancy';
import { TEST_DATABASE_URL } from '../support/test-env';
import { assertOneLineError, useCliHarness } from './cli-harness';

describe('operator CLI: users and project status (the real entry point, in a child process)', () => {
  const { id, cli, ready } = useCliHarness('cli_ops');

  it('resets a user password (reactivating a suspended user, ending its sessions) and suspends and resumes a project', async (context) => {
    if (!ready(context)) return;
    const created = await cli([
      'projects:create',
      'ops',
      '--admin-email',
      'admin@ops.test',
      '--admin-password',
      'password-123',
    ]);
    assert.equal(created.code, 0, created.stderr);
    const tenant = new Client({ connectionString: withDatabase(TEST_DATABASE_URL, `c${id}_ops`) });
    await tenant.connect();
    try {
      const [{ id: user }] = (
        await tenant.query("UPDATE directus_users SET status = 'suspended' RETURNING id")
      ).rows;
      await tenant.query(
        `INSERT INTO directus_sessions (token, "user", expires) VALUES ('old-session', $1, now() + interval '1 day')`,
        [user],
      );
      const chosen = await cli([
        'users:reset-password',
        'ops',
        'ADMIN@ops.test',
        '--password',
        'a-new-password-1',
      ]);
      assert.equal(chosen.code, 0, chosen.stderr);
      assert.match(chosen.stdout, /New password of ADMIN@ops\.test in "ops" \(reactivated\)/);
      assert.doesNotMatch(chosen.stdout, /a-new-password-1/, 'a chosen password is not echoed');
      const row = (await tenant.query('SELECT password, status FROM directus_users WHERE id = $1', [user]))
        .rows[0];
      assert.equal(row.status, 'active');
      assert.equal(await verifyPassword(row.password, 'a-new-password-1'), true);
      assert.equal(
        (await tenant.query('SELECT 1 FROM directus_sessions WHERE "user" = $1', [user])).rowCount,
        0,
      );

      const generated = await cli(['users:reset-password', 'ops', 'admin@ops.test']);
      assert.equal(generated.code, 0, generated.stderr);
      const password = /^password: (\S+)$/m.exec(generated.stdout)?.[1] ?? '';
      assert.ok(password.length >= 20, 'a generated password is printed once');
      const after = (await tenant.query('SELECT password FROM directus_users WHERE id = $1', [user])).rows[0];
      assert.equal(await verifyPassword(after.password, password), true);
    } finally {
      await tenant.end();
    }
    assertOneLineError(
      await cli(['users:reset-password', 'ops', 'nobody@ops.test']),
      /^error: project "ops" has no user/,
    );
    assertOneLineError(
      await cli(['users:reset-password', 'ghost', 'a@b.co']),
      /^error: there is no project "ghost"/,
    );
    assertOneLineError(
      await cli(['users:reset-password', 'ops', 'a@b.co', '--password', 'short']),
      /at least 8/,
    );

    const suspended = await cli(['projects:suspend', 'ops']);
    assert.equal(suspended.code, 0, suspended.stderr);
    assert.match(suspended.stdout, /Project "ops" is suspended\./);
    assert.equal(JSON.parse((await cli(['projects:list', '--json'])).stdout)[0].status, 'suspended');
    assert.equal((await cli(['projects:resume', 'ops'])).code, 0);
    assert.equal(JSON.parse((await cli(['projects:list', '--json'])).stdout)[0].status, 'active');
    assertOneLineError(await cli(['projects:suspend', 'ghost']), /^error: there is no project "ghost"/);
    assert.equal((await cli(['projects:delete', 'ops', '--yes'])).code, 0);
  });
});
