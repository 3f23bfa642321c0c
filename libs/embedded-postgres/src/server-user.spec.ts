import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { ServerUser, assertReachable, findBlockingDirectory } from './server-user';

/** Nobody on this machine: only the "other" permission bits apply to it. */
const stranger: ServerUser = { name: 'stranger', uid: 54_321, gid: 54_321, switched: true };

describe('findBlockingDirectory', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'atrium-reach-'));
  chmodSync(root, 0o755);
  after(() => rmSync(root, { recursive: true, force: true }));

  it('finds nothing on an open path, nor on its parts that do not exist yet', async () => {
    mkdirSync(path.join(root, 'open'), { mode: 0o755 });
    assert.equal(await findBlockingDirectory(path.join(root, 'open', 'not', 'yet'), stranger), null);
  });

  it('names the first private directory on the way, like /root', async () => {
    const home = path.join(root, 'home');
    mkdirSync(path.join(home, 'checkout', 'data'), { recursive: true });
    chmodSync(home, 0o700);
    chmodSync(path.join(home, 'checkout'), 0o700);
    const blocking = await findBlockingDirectory(path.join(home, 'checkout', 'data'), stranger);
    assert.deepEqual(
      { dir: blocking?.dir, mode: blocking?.mode },
      { dir: home, mode: 0o700 },
      'the outermost one, which is the one to open',
    );
    await assert.rejects(
      assertReachable(path.join(home, 'checkout', 'data'), stranger, 'the data directory'),
      new RegExp(`^EmbeddedPostgresError: the data directory is not reachable .*${home} \\(mode 700`),
    );
  });
});
