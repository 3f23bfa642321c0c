import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { findRunningEmbeddedPostgres, parsePostmasterPid } from './find-running-embedded-postgres';

describe('parsePostmasterPid', () => {
  it('reads the pid and the port of a running server', () => {
    const text = '4242\n/data/postgres/pgdata\n1763900000\n54321\n\n127.0.0.1\n  1234567  65538\nready   \n';
    assert.deepEqual(parsePostmasterPid(text), { pid: 4242, port: 54321 });
  });

  it('tolerates a lock file written before the port line', () => {
    assert.deepEqual(parsePostmasterPid('4242\n/data/pgdata\n'), { pid: 4242, port: null });
  });

  for (const bad of ['', 'abc\n', '-3\n', '0\n']) {
    it(`rejects ${JSON.stringify(bad)}`, () => assert.equal(parsePostmasterPid(bad), null));
  }
});

describe('findRunningEmbeddedPostgres', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'atrium-cli-embedded-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  /** A data directory as libs/embedded-postgres leaves it; live pids are this test process's own parent. */
  function layout(name: string, lock: string | null, state: object | null): string {
    const dir = path.join(root, name);
    mkdirSync(path.join(dir, 'pgdata'), { recursive: true });
    if (lock !== null) writeFileSync(path.join(dir, 'pgdata', 'postmaster.pid'), lock);
    if (state !== null) writeFileSync(path.join(dir, 'state.json'), JSON.stringify(state));
    return dir;
  }
  const live = process.ppid;
  const dead = 2 ** 22 + 17; // above Linux's pid_max default: no such process
  const state = (ownerPid: number) => ({
    user: 'postgres',
    password: 'a1b2c3d4e5f60718293a4b5c',
    port: 5500,
    ownerPid,
  });

  it('connects to the server a live sibling started, on the port from the lock file', async () => {
    const dir = layout('live', `${live}\n/x\n1\n5601\n`, state(live));
    const found = await findRunningEmbeddedPostgres(dir, process.pid);
    assert.ok(found);
    assert.equal(found.port, 5601);
    assert.equal(found.ownerPid, live);
    const url = new URL(found.url);
    assert.equal(url.pathname, '/postgres');
    assert.equal(decodeURIComponent(url.password), 'a1b2c3d4e5f60718293a4b5c');
  });

  const absent: Array<[string, string | null, object | null]> = [
    ['no lock file (nothing runs)', null, state(live)],
    ['a lock file of a dead server', `${dead}\n/x\n1\n5601\n`, state(live)],
    [
      'a server whose starter died (a leftover the normal start handles)',
      `${live}\n/x\n1\n5601\n`,
      state(dead),
    ],
    ['a server this very process started', `${live}\n/x\n1\n5601\n`, state(process.pid)],
    ['no state.json', `${live}\n/x\n1\n5601\n`, null],
  ];
  for (const [label, lock, savedState] of absent) {
    it(`finds nothing with ${label}`, async () => {
      const dir = layout(label.replace(/\W+/g, '-'), lock, savedState);
      assert.equal(await findRunningEmbeddedPostgres(dir, process.pid), null);
    });
  }
});
