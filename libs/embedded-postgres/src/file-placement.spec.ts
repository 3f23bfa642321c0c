import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { chooseDataDirectory, relocatedWhat } from './file-placement';
import { relocationKey } from './relocation-directory';
import type { ServerUser } from './server-user';

describe('chooseDataDirectory', () => {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'atrium-placement-')));
  chmodSync(root, 0o755);
  after(() => rmSync(root, { recursive: true, force: true }));
  const base = path.join(root, 'var-lib-atrium');
  /** The server user as seen from root: only the "other" bits let it in. */
  const serverUser: ServerUser = { name: 'postgres', uid: 54_321, gid: 54_321, switched: true };

  const open = path.join(root, 'open', 'data', 'postgres');
  mkdirSync(path.dirname(open), { recursive: true });
  const privateCheckout = path.join(root, 'private');
  mkdirSync(path.join(privateCheckout, 'data'), { recursive: true });
  chmodSync(privateCheckout, 0o700);
  const hidden = path.join(privateCheckout, 'data', 'postgres');

  it('keeps a directory the server user can reach', async () => {
    assert.deepEqual(await chooseDataDirectory(open, serverUser, true, base), {
      dataDir: open,
      relocated: false,
      blockedBy: null,
    });
  });

  it('moves an unreachable default location under the base, keyed by its real path', async () => {
    const placed = await chooseDataDirectory(hidden, serverUser, true, base);
    assert.equal(placed.dataDir, path.join(base, relocationKey(hidden), 'postgres'));
    assert.equal(placed.relocated, true);
    assert.equal(placed.blockedBy?.dir, privateCheckout);
    const again = await chooseDataDirectory(path.relative(process.cwd(), hidden), serverUser, true, base);
    assert.equal(again.dataDir, placed.dataDir, 'the next start (or the CLI) computes the same place');
  });

  it('keeps an unreachable directory the user chose, for the clear error that follows', async () => {
    assert.deepEqual(await chooseDataDirectory(hidden, serverUser, false, base), {
      dataDir: hidden,
      relocated: false,
      blockedBy: null,
    });
  });

  it('keeps an unreachable default location that already holds a cluster: moving it would hide the data', async () => {
    const withCluster = path.join(privateCheckout, 'data', 'old-postgres');
    mkdirSync(path.join(withCluster, 'pgdata'), { recursive: true });
    writeFileSync(path.join(withCluster, 'pgdata', 'PG_VERSION'), '18\n');
    assert.equal((await chooseDataDirectory(withCluster, serverUser, true, base)).dataDir, withCluster);
  });

  it('keeps using moved data once it holds a cluster, even after the checkout is opened up', async () => {
    const opened = path.join(root, 'opened', 'data', 'postgres');
    const moved = path.join(base, relocationKey(opened), 'postgres');
    assert.equal((await chooseDataDirectory(opened, serverUser, true, base)).dataDir, opened);
    mkdirSync(path.join(moved, 'pgdata'), { recursive: true });
    writeFileSync(path.join(moved, 'pgdata', 'PG_VERSION'), '18\n');
    assert.deepEqual(await chooseDataDirectory(opened, serverUser, true, base), {
      dataDir: moved,
      relocated: true,
      blockedBy: null,
    });
  });

  it('never moves anything when the server runs as ourselves', async () => {
    const me: ServerUser = { ...serverUser, switched: false };
    assert.equal((await chooseDataDirectory(hidden, me, true, base)).dataDir, hidden);
  });
});

describe('relocatedWhat', () => {
  it('names what moved', () => {
    assert.equal(relocatedWhat({ binaries: true, data: true }), 'binaries and data');
    assert.equal(relocatedWhat({ binaries: true, data: false }), 'binaries');
    assert.equal(relocatedWhat({ binaries: false, data: true }), 'data');
  });
});
