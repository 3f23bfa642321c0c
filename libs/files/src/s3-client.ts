import type { S3Client } from '@aws-sdk/client-s3';
import type { S3StorageLocation } from '@atrium/core';
import { s3Sdk } from './s3-sdk';

/** One client per s3 location, shared by every project stored there (it pools the connections). */
export function createS3Client(location: S3StorageLocation): S3Client {
  return new (s3Sdk().S3Client)({
    region: location.region,
    ...(location.endpoint ? { endpoint: location.endpoint } : {}),
    forcePathStyle: location.forcePathStyle,
    // Without a key and secret the SDK's own chain applies (environment, instance role…).
    ...(location.key && location.secret
      ? { credentials: { accessKeyId: location.key, secretAccessKey: location.secret } }
      : {}),
    // Checksums only where S3 demands them: the default streams uploads with trailing checksums
    // (aws-chunked), which many S3-compatible servers do not understand. Integrity is ours: sha256.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
