import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from './load-config';
import { problemsOf as problemsOfEnv, VALID_ENV } from './testing/config-env';

const valid = VALID_ENV;

/** Problems of the valid environment with `env` on top. */
function problemsOf(env: NodeJS.ProcessEnv): string[] {
  return problemsOfEnv({ ...valid, ...env });
}

const s3 = {
  STORAGE_LOCATIONS: 's3',
  STORAGE_S3_DRIVER: 's3',
  STORAGE_S3_BUCKET: 'uploads',
};

describe('storage locations', () => {
  it("defaults to Directus's single local location, rooted at STORAGE_LOCAL_ROOT", () => {
    const root = path.resolve('/srv/files');
    const config = loadConfig({ ...valid, STORAGE_LOCAL_ROOT: root });
    assert.deepEqual(config.storage.locations, [{ name: 'local', driver: 'local', root }]);
    assert.equal(config.storageLocalRoot, root);
    const data = path.resolve('/srv/data');
    assert.equal(
      loadConfig({ ...valid, DATA_DIR: data }).storage.locations[0].root,
      path.join(data, 'uploads'),
    );
  });

  it('reads every STORAGE_<LOCATION>_… setting of an s3 location, first location first', () => {
    const config = loadConfig({
      ...valid,
      ...s3,
      STORAGE_LOCATIONS: 's3, local, archive',
      STORAGE_S3_KEY: 'access',
      STORAGE_S3_SECRET: 'secret',
      STORAGE_S3_REGION: 'eu-west-3',
      STORAGE_S3_ENDPOINT: 'http://127.0.0.1:9000/',
      STORAGE_S3_FORCE_PATH_STYLE: 'true',
      STORAGE_S3_ROOT: '/tenants/atrium/',
      STORAGE_ARCHIVE_DRIVER: 'local',
      STORAGE_ARCHIVE_ROOT: '/srv/archive',
    });
    assert.deepEqual(
      config.storage.locations.map((location) => location.name),
      ['s3', 'local', 'archive'],
    );
    assert.deepEqual(config.storage.locations[0], {
      name: 's3',
      driver: 's3',
      bucket: 'uploads',
      root: 'tenants/atrium',
      key: 'access',
      secret: 'secret',
      region: 'eu-west-3',
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: true,
    });
    assert.deepEqual(config.storage.locations[2], {
      name: 'archive',
      driver: 'local',
      root: path.resolve('/srv/archive'),
    });
  });

  it('gives an s3 location no prefix, the default region and virtual-host style unless told', () => {
    const [location] = loadConfig({ ...valid, ...s3 }).storage.locations;
    assert.deepEqual(location, {
      name: 's3',
      driver: 's3',
      bucket: 'uploads',
      root: '',
      key: null,
      secret: null,
      region: 'us-east-1',
      endpoint: null,
      forcePathStyle: false,
    });
  });

  it('keeps backups with the files unless BACKUP_LOCATION says otherwise; local is always a choice', () => {
    assert.equal(loadConfig(valid).storage.backupLocation, 'local');
    assert.equal(loadConfig({ ...valid, ...s3 }).storage.backupLocation, 's3');
    const mixed = { ...valid, ...s3, STORAGE_LOCATIONS: 's3,local' };
    assert.equal(loadConfig({ ...mixed, BACKUP_LOCATION: 'local' }).storage.backupLocation, 'local');
    // Not one of STORAGE_LOCATIONS, still STORAGE_LOCAL_ROOT.
    assert.equal(loadConfig({ ...valid, ...s3, BACKUP_LOCATION: 'local' }).storage.backupLocation, 'local');
  });

  const bad: Array<[string, NodeJS.ProcessEnv, string]> = [
    [
      'backups in a location that is not configured',
      { ...s3, BACKUP_LOCATION: 'archive' },
      'BACKUP_LOCATION must be local or one of STORAGE_LOCATIONS (s3)',
    ],
    [
      'an s3 location without a bucket',
      { ...s3, STORAGE_S3_BUCKET: undefined },
      'STORAGE_S3_BUCKET must be set',
    ],
    ['a bad bucket name', { ...s3, STORAGE_S3_BUCKET: 'a b' }, 'STORAGE_S3_BUCKET must be a bucket name'],
    ['an unknown driver', { ...s3, STORAGE_S3_DRIVER: 'gcs' }, 'STORAGE_S3_DRIVER must be local or s3'],
    [
      'a location with no driver',
      { STORAGE_LOCATIONS: 'local,media' },
      'STORAGE_MEDIA_DRIVER must be set (local or s3) for the storage location media',
    ],
    [
      'a key without a secret',
      { ...s3, STORAGE_S3_KEY: 'access' },
      'STORAGE_S3_KEY and STORAGE_S3_SECRET must be set together',
    ],
    [
      'a bad endpoint',
      { ...s3, STORAGE_S3_ENDPOINT: 'minio:9000' },
      'STORAGE_S3_ENDPOINT must be an http(s) URL',
    ],
    ['a bad region', { ...s3, STORAGE_S3_REGION: 'eu west' }, 'STORAGE_S3_REGION must be a region name'],
    [
      'a bad path-style flag',
      { ...s3, STORAGE_S3_FORCE_PATH_STYLE: 'yes' },
      'STORAGE_S3_FORCE_PATH_STYLE must be true or false',
    ],
    ['a prefix climbing out', { ...s3, STORAGE_S3_ROOT: 'a/../b' }, 'STORAGE_S3_ROOT must be a key prefix'],
    [
      'a local location without a root',
      { STORAGE_LOCATIONS: 'disk', STORAGE_DISK_DRIVER: 'local' },
      'STORAGE_DISK_ROOT must be set for the local storage location disk',
    ],
    [
      'a bad location name',
      { STORAGE_LOCATIONS: 'local,my-files' },
      'STORAGE_LOCATIONS must be a comma-separated',
    ],
    ['an empty entry', { STORAGE_LOCATIONS: 'local,,s3' }, 'STORAGE_LOCATIONS must be a comma-separated'],
    [
      'a location named twice',
      { STORAGE_LOCATIONS: 'local,LOCAL' },
      'STORAGE_LOCATIONS must not name a location',
    ],
  ];
  for (const [what, env, message] of bad) {
    it(`refuses ${what} with a line naming it`, () => {
      const problems = problemsOf(env);
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.ok(problems[0].startsWith(message), problems[0]);
    });
  }

  it('names every bad value of every location at once', () => {
    const problems = problemsOf({
      STORAGE_LOCATIONS: 'a,b',
      STORAGE_A_DRIVER: 's3',
      STORAGE_A_ENDPOINT: 'nope',
      STORAGE_B_DRIVER: 'ftp',
    });
    assert.deepEqual(
      problems.map((problem) => problem.split(' ')[0]),
      ['STORAGE_A_BUCKET', 'STORAGE_A_ENDPOINT', 'STORAGE_B_DRIVER'],
    );
  });
});
