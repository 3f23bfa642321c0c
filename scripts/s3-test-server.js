#!/usr/bin/env node
// The S3 server of the tests (test/support/s3-test-server.ts starts it): s3rver on a random loopback port
// with one bucket, objects in DIRECTORY. It runs in a process of its own because s3rver makes ListObjectsV2
// continuation tokens with DES, which Node's OpenSSL 3 only offers with --openssl-legacy-provider, a flag
// the test process itself should not need. Prints {"port":N} once listening; stops on SIGTERM.
// Usage: node --openssl-legacy-provider scripts/s3-test-server.js DIRECTORY BUCKET
'use strict';
const S3rver = require('s3rver');

const [directory, bucket] = process.argv.slice(2);
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: process.env.S3RVER_LOGS !== '1',
  directory,
  configureBuckets: [{ name: bucket }],
});

// s3rver removes a folder once its last object is deleted, and parallel deletes of one folder's last
// objects (a DeleteObjects of a whole prefix) race on that and fail with 500. Real stores have no folders;
// one delete at a time keeps this quirk of the test server out of the drivers' tests.
const deleteObject = server.store.deleteObject.bind(server.store);
let queue = Promise.resolve();
server.store.deleteObject = (bucketName, key) => {
  const next = queue.then(() => deleteObject(bucketName, key));
  queue = next.catch(() => undefined);
  return next;
};

server.run().then(
  ({ port }) => process.stdout.write(`${JSON.stringify({ port })}\n`),
  (error) => {
    process.stderr.write(`s3rver did not start: ${error.stack}\n`);
    process.exit(1);
  },
);
process.once('SIGTERM', () => {
  server.close().finally(() => process.exit(0));
});
