import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { ensureLocalSecrets } from './local-secrets';

describe('ensureLocalSecrets', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'atrium-secrets-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('generates once, stores with mode 0600, and reuses silently', () => {
    const first: NodeJS.ProcessEnv = {};
    const one = ensureLocalSecrets(first, dir);
    assert.equal(one.generatedSuperAdminToken, true);
    assert.equal(one.demoPending, true);
    assert.ok((first.SECRET ?? '').length >= 32);
    assert.ok((first.SUPER_ADMIN_TOKEN ?? '').length >= 32);
    assert.equal(statSync(path.join(dir, 'secrets.json')).mode & 0o777, 0o600);
    one.markDemoCreated();

    const second: NodeJS.ProcessEnv = {};
    const two = ensureLocalSecrets(second, dir);
    assert.equal(two.generatedSuperAdminToken, false);
    assert.equal(two.demoPending, false);
    assert.equal(second.SECRET, first.SECRET);
    assert.equal(second.SUPER_ADMIN_TOKEN, first.SUPER_ADMIN_TOKEN);
  });

  it('lets the environment win', () => {
    const env: NodeJS.ProcessEnv = { SUPER_ADMIN_TOKEN: 'from-env-'.padEnd(40, 'x') };
    const result = ensureLocalSecrets(env, dir);
    assert.equal(env.SUPER_ADMIN_TOKEN, 'from-env-'.padEnd(40, 'x'));
    assert.equal(result.generatedSuperAdminToken, false);
  });
});
