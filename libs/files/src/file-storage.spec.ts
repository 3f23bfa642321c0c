import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '@atrium/core';
import { FileStorage, UnknownStorageLocationError } from './file-storage';
import { LocalStorageDriver } from './local-storage-driver';
import { S3StorageDriver } from './s3-storage-driver';

const config = loadConfig({
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/atrium',
  SECRET: 's'.repeat(32),
  SUPER_ADMIN_TOKEN: 't'.repeat(32),
  STORAGE_LOCATIONS: 'cloud,local',
  STORAGE_LOCAL_ROOT: path.resolve('/srv/files'),
  STORAGE_CLOUD_DRIVER: 's3',
  STORAGE_CLOUD_BUCKET: 'uploads',
  STORAGE_CLOUD_ENDPOINT: 'http://127.0.0.1:9',
});

describe('FileStorage', () => {
  it('sends new uploads to the first location and knows every location', () => {
    const storage = new FileStorage(config);
    assert.equal(storage.defaultLocation(), 'cloud');
    assert.deepEqual(storage.locations(), ['cloud', 'local']);
    assert.ok(storage.forProject('acme') instanceof S3StorageDriver);
    assert.ok(storage.forProject('acme', 'local') instanceof LocalStorageDriver);
    storage.onModuleDestroy();
  });

  it('refuses a location that is not configured and a key that is not a project key', () => {
    const storage = new FileStorage(config);
    assert.throws(() => storage.forProject('acme', 'retired'), UnknownStorageLocationError);
    assert.throws(() => storage.forProject('../acme'), /invalid project key/);
    assert.throws(() => storage.forProject('../acme', 'local'), /invalid project key/);
  });
});
