/**
 * The AWS SDK, loaded the first time an s3 location is used: it is about 20 MiB of a process's memory,
 * which an API storing its files locally (the default) never needs.
 */
type ClientS3 = typeof import('@aws-sdk/client-s3');
type LibStorage = typeof import('@aws-sdk/lib-storage');

let clientS3: ClientS3 | undefined;
let libStorage: LibStorage | undefined;

export function s3Sdk(): ClientS3 {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, on purpose
  return (clientS3 ??= require('@aws-sdk/client-s3') as ClientS3);
}

export function s3Uploads(): LibStorage {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, on purpose
  return (libStorage ??= require('@aws-sdk/lib-storage') as LibStorage);
}
