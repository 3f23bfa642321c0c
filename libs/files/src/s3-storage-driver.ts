import type { S3Client } from '@aws-sdk/client-s3';
import { PassThrough, Readable } from 'node:stream';
import { contentMeter } from './content-meter';
import { assertSafeName } from './disk-name';
import { s3Sdk, s3Uploads } from './s3-sdk';
import type { ByteRange, ObjectFacts, OpenedObject, StorageDriver, StoredObject } from './storage-driver';

/** Parts of a multipart upload held in memory at once: 2 × 5 MiB per upload, whatever the file's size. */
const UPLOAD_QUEUE_SIZE = 2;
/** ListObjectsV2 answers at most 1000 keys and DeleteObjects takes at most 1000. */
const BATCH = 1000;

export interface S3StorageDriverOptions {
  client: S3Client;
  bucket: string;
  /** The project's key prefix (`projectObjectPrefix`), ending in `/`. */
  prefix: string;
}

/** A 404 from S3 (HeadObject answers a bare `NotFound`, GetObject `NoSuchKey`). */
function isNotFound(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === 'NotFound' || name === 'NoSuchKey' || $metadata?.httpStatusCode === 404;
}

/** What a read of a missing object fails with, as the local driver's stream does. */
function missing(name: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`no stored object ${name}`), { code: 'ENOENT' });
}

/**
 * Objects of one project in a bucket of an S3-compatible store, flat under the project's prefix. A write
 * streams through `Upload` (one PutObject for small files, a multipart upload past 5 MiB), so memory holds a
 * few parts, never the file; S3 makes the object visible only once the upload completes, and a failed stream
 * aborts the multipart upload, so readers never see half an object and a failure leaves nothing behind.
 */
export class S3StorageDriver implements StorageDriver {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(options: S3StorageDriverOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.prefix = options.prefix;
  }

  async write(name: string, content: Readable): Promise<StoredObject> {
    const key = this.keyOf(name);
    const { meter, stored } = contentMeter();
    // `pipe` does not carry errors: a failing source must fail the upload reading `meter`. Its error is the
    // one to report (a 413 of the size limit, say), not whatever the aborted upload answered after it.
    let sourceError: Error | null = null;
    content.once('error', (error) => {
      sourceError = error;
      meter.destroy(error);
    });
    content.pipe(meter);
    const upload = new (s3Uploads().Upload)({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: meter },
      queueSize: UPLOAD_QUEUE_SIZE,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      content.destroy();
      meter.destroy();
      throw sourceError ?? error;
    }
    return stored();
  }

  read(name: string, range?: ByteRange): Readable {
    const key = this.keyOf(name);
    // The interface hands out a stream at once; the object's body is piped into it when S3 answers.
    const output = new PassThrough();
    this.client
      .send(
        new (s3Sdk().GetObjectCommand)({
          Bucket: this.bucket,
          Key: key,
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      )
      .then(({ Body }) => {
        if (!(Body instanceof Readable)) throw new Error(`no stream for stored object ${name}`);
        // A reader that gave up before S3 answered (a client gone) must not keep the connection busy.
        if (output.destroyed) {
          Body.destroy();
          return;
        }
        Body.once('error', (error) => output.destroy(error));
        output.once('close', () => Body.destroy());
        Body.pipe(output);
      })
      .catch((error: unknown) => output.destroy(isNotFound(error) ? missing(name) : (error as Error)));
    return output;
  }

  /**
   * One GetObject: it answers whether the object exists, its facts and its body together. A range is only
   * known once the size is, so a ranged read drops that body and asks again for the range.
   */
  async open(name: string): Promise<OpenedObject | null> {
    let Body: unknown;
    let facts: ObjectFacts;
    try {
      const answer = await this.client.send(
        new (s3Sdk().GetObjectCommand)({ Bucket: this.bucket, Key: this.keyOf(name) }),
      );
      Body = answer.Body;
      facts = { size: answer.ContentLength ?? 0, modified: answer.LastModified ?? new Date(0) };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    if (!(Body instanceof Readable)) throw new Error(`no stream for stored object ${name}`);
    const body = Body;
    let owned = true;
    return {
      ...facts,
      read: (range) => {
        owned = false;
        if (!range) return body;
        body.destroy();
        return this.read(name, range);
      },
      close: () => {
        if (owned) body.destroy();
        owned = false;
      },
    };
  }

  async stat(name: string): Promise<ObjectFacts | null> {
    try {
      const head = await this.client.send(
        new (s3Sdk().HeadObjectCommand)({ Bucket: this.bucket, Key: this.keyOf(name) }),
      );
      return { size: head.ContentLength ?? 0, modified: head.LastModified ?? new Date(0) };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(name: string): Promise<void> {
    // S3 answers 204 for a missing key too.
    await this.client.send(new (s3Sdk().DeleteObjectCommand)({ Bucket: this.bucket, Key: this.keyOf(name) }));
  }

  async exists(name: string): Promise<boolean> {
    return (await this.stat(name)) !== null;
  }

  /** Every page of the listing under the project's prefix and `prefix`, as names within the project. */
  async list(prefix: string): Promise<string[]> {
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new (s3Sdk().ListObjectsV2Command)({
          Bucket: this.bucket,
          Prefix: `${this.prefix}${prefix}`,
          MaxKeys: BATCH,
          ContinuationToken: token,
        }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key) names.push(object.Key.slice(this.prefix.length));
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return names;
  }

  /** Lists the prefix a page at a time and deletes each page in one request, until nothing is left. */
  async deleteAll(): Promise<void> {
    for (;;) {
      const page = await this.client.send(
        new (s3Sdk().ListObjectsV2Command)({ Bucket: this.bucket, Prefix: this.prefix, MaxKeys: BATCH }),
      );
      const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
      if (keys.length === 0) return;
      const result = await this.client.send(
        new (s3Sdk().DeleteObjectsCommand)({ Bucket: this.bucket, Delete: { Objects: keys, Quiet: true } }),
      );
      const failed = result.Errors ?? [];
      // Stop rather than list the same undeletable keys forever.
      if (failed.length > 0) {
        throw new Error(
          `could not delete ${failed.length} object(s), first ${failed[0].Key}: ${failed[0].Message}`,
        );
      }
    }
  }

  private keyOf(name: string): string {
    return `${this.prefix}${assertSafeName(name)}`;
  }
}
