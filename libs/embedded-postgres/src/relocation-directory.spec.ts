import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  ensurePrivateDirectory,
  realPathAllowingMissing,
  relocationDirectory,
  relocationKey,
} from './relocation-directory';
import type { ServerUser } from './server-user';

describe('relocationKey', () => {
  it('is 12 hex digits of sha256, stable for a path and different for another', () => {
    assert.equal(relocationKey('/root/atrium/data/postgres'), relocationKey('/root/atrium/data/postgres'));
    assert.match(relocationKey('/root/atrium/data/postgres'), /^[0-9a-f]{12}$/);
    assert.notEqual(relocationKey('/root/atrium/data/postgres'), relocationKey('/root/other/data/postgres'));
    // sha256("/a") starts with these digits: the key is not some other hash by accident.
    assert.equal(relocationKey('/a'), '6a50dc858413');
  });
});

describe('relocation paths', () => {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'atrium-relocation-')));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('resolves symlinks and relative paths, even below a part that does not exist yet', async () => {
    mkdirSync(path.join(root, 'real', 'data'), { recursive: true });
    symlinkSync(path.join(root, 'real'), path.join(root, 'link'));
    const expected = path.join(root, 'real', 'data', 'postgres');
    assert.equal(await realPathAllowingMissing(path.join(root, 'link', 'data', 'postgres')), expected);
    assert.equal(
      await realPathAllowingMissing(
        path.relative(process.cwd(), path.join(root, 'real', 'data', 'postgres')),
      ),
      expected,
    );
    assert.equal(
      await relocationDirectory(path.join(root, 'link', 'data', 'postgres'), '/var/lib/atrium'),
      path.join('/var/lib/atrium', relocationKey(expected)),
    );
  });

  it('creates a private directory (and its base, open to all) and brings an existing one back to 0700', async () => {
    const me: ServerUser = {
      name: 'me',
      uid: process.getuid?.() ?? 0,
      gid: process.getgid?.() ?? 0,
      switched: false,
    };
    const dir = path.join(root, 'base', 'abc123');
    const umask = process.umask(0o077);
    try {
      await ensurePrivateDirectory(dir, me);
    } finally {
      process.umask(umask);
    }
    assert.equal(statSync(path.join(root, 'base')).mode & 0o777, 0o755);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    await ensurePrivateDirectory(dir, me); // idempotent
    assert.equal(statSync(dir).mode & 0o777, 0o700);
  });
});
