import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';

/** s3rver's built-in credentials: it checks every request's signature against them. */
const ACCESS_KEY = 'S3RVER';
const SECRET_KEY = 'S3RVER';
const SCRIPT = path.resolve(__dirname, '..', '..', 'scripts', 's3-test-server.js');

/** Starts scripts/s3-test-server.js and waits for the port it prints. */
async function spawnServer(
  directory: string,
  bucket: string,
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--openssl-legacy-provider', SCRIPT, directory, bucket], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the S3 test server exited with ${String(code)} before listening`);
  });
  const listening = (async () => {
    for await (const line of lines) return (JSON.parse(line) as { port: number }).port;
    throw new Error('the S3 test server said nothing');
  })();
  // Whichever loses the race must not fail unobserved later (the exit at close, say).
  for (const outcome of [listening, exited]) outcome.catch(() => undefined);
  const port = await Promise.race([listening, exited]);
  lines.close();
  return { child, port };
}

/**
 * A real S3-speaking server (s3rver in a child process, objects on a temporary folder) on a random loopback
 * port, with one bucket, so drivers and the app are tested against the S3 protocol and not a mock of the SDK.
 */
export class S3TestServer {
  private constructor(
    private readonly child: ChildProcess,
    private readonly directory: string,
    readonly endpoint: string,
    readonly bucket: string,
    /** A client of its own, to look at the bucket behind the code under test. */
    readonly client: S3Client,
  ) {}

  static async start(bucket = 'atrium-test'): Promise<S3TestServer> {
    const directory = mkdtempSync(path.join(tmpdir(), 'atrium-s3-'));
    const { child, port } = await spawnServer(directory, bucket);
    const endpoint = `http://127.0.0.1:${port}`;
    const client = new S3Client({
      region: 'us-east-1',
      endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    return new S3TestServer(child, directory, endpoint, bucket, client);
  }

  /** The app's `STORAGE_<LOCATION>_…` variables for a location in this server's bucket. */
  env(location: string, root = ''): Record<string, string> {
    const prefix = `STORAGE_${location.toUpperCase()}_`;
    return {
      [`${prefix}DRIVER`]: 's3',
      [`${prefix}KEY`]: ACCESS_KEY,
      [`${prefix}SECRET`]: SECRET_KEY,
      [`${prefix}BUCKET`]: this.bucket,
      [`${prefix}REGION`]: 'us-east-1',
      [`${prefix}ENDPOINT`]: this.endpoint,
      [`${prefix}FORCE_PATH_STYLE`]: 'true',
      ...(root ? { [`${prefix}ROOT`]: root } : {}),
    };
  }

  /** Every key in the bucket under `prefix`, sorted. */
  async keys(prefix = ''): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
      token = page.NextContinuationToken;
    } while (token);
    return keys.sort();
  }

  async has(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch {
      return false;
    }
  }

  async bytes(key: string): Promise<Buffer> {
    const { Body } = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return Buffer.from((await Body?.transformToByteArray()) ?? []);
  }

  async close(): Promise<void> {
    this.client.destroy();
    if (this.child.exitCode === null) {
      const exited = once(this.child, 'exit');
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.directory, { recursive: true, force: true });
  }
}
