import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { CliError } from '../errors/cli-error';
import { rotateStoredSuperAdminToken } from './super-admin-token-store';

describe('rotateStoredSuperAdminToken', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'atrium-cli-token-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('replaces the token, keeps the other secrets, and leaves the file private', () => {
    const dir = path.join(root, 'existing');
    const stored = { SECRET: 's'.repeat(48), SUPER_ADMIN_TOKEN: 'old-token', demo_created: true };
    rotateStoredSuperAdminToken(dir); // creates the directory and file
    writeFileSync(path.join(dir, 'secrets.json'), JSON.stringify(stored), { mode: 0o644 });

    const { token, file } = rotateStoredSuperAdminToken(dir);
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { ...stored, SUPER_ADMIN_TOKEN: token });
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(dir), ['secrets.json'], 'no temporary file left behind');
  });

  it('creates the file when there is none yet, and never returns the same token twice', () => {
    const dir = path.join(root, 'fresh');
    const first = rotateStoredSuperAdminToken(dir);
    const second = rotateStoredSuperAdminToken(dir);
    assert.notEqual(first.token, second.token);
    assert.deepEqual(JSON.parse(readFileSync(second.file, 'utf8')), { SUPER_ADMIN_TOKEN: second.token });
  });

  it('refuses to overwrite a file it cannot read, saying what to do', () => {
    const dir = path.join(root, 'broken');
    rotateStoredSuperAdminToken(dir);
    writeFileSync(path.join(dir, 'secrets.json'), '{ not json');
    assert.throws(
      () => rotateStoredSuperAdminToken(dir),
      (error: unknown) => {
        assert.ok(error instanceof CliError);
        assert.match(error.message, /cannot read .*secrets\.json.*move it away/);
        return true;
      },
    );
    assert.equal(readFileSync(path.join(dir, 'secrets.json'), 'utf8'), '{ not json');
  });
});
