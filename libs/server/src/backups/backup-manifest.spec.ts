import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileEntry, normalizeManifest } from './backup-manifest';
import { missingLocations, type OpenedBackup } from './project-restore';

const base = {
  project: { key: 'p', name: 'P' },
  created_at: '2026-12-03T00:00:00.000Z',
  tenant_migration: null,
  tables: [],
};

describe('backup manifests', () => {
  it('reads format 1 (local files by path) as files of the local root', () => {
    const manifest = normalizeManifest({ ...base, format: 1, files: [{ path: 'a.txt', size: 3 }] });
    assert.deepEqual(manifest.files, [{ location: null, name: 'a.txt', size: 3 }]);
    assert.equal(fileEntry(manifest.files[0]), 'files/a.txt', 'where format 1 put it');
  });

  it('keeps format 2 as written, each file under its location', () => {
    const files = [{ location: 's3', name: 'b.png', size: 9 }];
    assert.deepEqual(normalizeManifest({ ...base, format: 2, files }).files, files);
    assert.equal(fileEntry(files[0]), 'files/s3/b.png');
  });

  it('refuses a format it does not know', () => {
    assert.throws(() => normalizeManifest({ ...base, format: 3, files: [] }), /unknown backup format 3/);
  });

  it('names the locations a restore would need and the platform lacks', () => {
    const backup = {
      manifest: normalizeManifest({
        ...base,
        format: 2,
        files: [
          { location: 's3', name: 'a', size: 1 },
          { location: 'archive', name: 'b', size: 1 },
          { location: 's3', name: 'c', size: 1 },
          { location: 'local', name: 'd', size: 1 },
        ],
      }),
    } as OpenedBackup;
    assert.deepEqual(missingLocations(backup, ['local', 's3']), ['archive']);
    assert.deepEqual(missingLocations(backup, ['local', 's3', 'archive']), []);
  });
});
