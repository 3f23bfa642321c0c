import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

const loaded = (pattern: RegExp) => Object.keys(require.cache).some((file) => pattern.test(file));

/** Issue 14: an API storing its files locally never loads the AWS SDK (about 20 MiB of its memory). */
describe('the AWS SDK is loaded on first use', () => {
  it('loading the files library (and the mail service) loads neither the SDK nor nodemailer', async () => {
    await import('./index');
    await import('../../mail/src/mail.service');
    assert.equal(loaded(/node_modules\/@aws-sdk\/client-s3\//), false);
    assert.equal(loaded(/node_modules\/@aws-sdk\/lib-storage\//), false);
    assert.equal(loaded(/node_modules\/nodemailer\//), false);
  });

  it('the first s3 client loads it', async () => {
    const { createS3Client } = await import('./index');
    const client = createS3Client({
      name: 'archive',
      driver: 's3',
      bucket: 'b',
      root: '',
      region: 'us-east-1',
      endpoint: null,
      forcePathStyle: true,
      key: null,
      secret: null,
    });
    client.destroy();
    assert.equal(loaded(/node_modules\/@aws-sdk\/client-s3\//), true);
  });
});
