import { fromBuffer } from 'file-type';
import { Readable } from 'node:stream';

/** Bytes file-type needs to recognise any format it knows (its own documented minimum). */
const HEAD_BYTES = 4100;

/** Declared types whose formats have a signature: a file of one without it is not what it claims. */
const SIGNED_FAMILIES = /^(image|audio|video|font)\//;

/** Formats without a signature that are still what a client may rightly say they are. */
const UNSIGNED_EXCEPTIONS = new Set(['image/svg+xml']);

/**
 * Passes `content` through while keeping its first bytes, so the stored type can be worked out from what
 * was written rather than from what the client declared. Nothing is read until the driver reads, and an
 * error of `content` (a size limit) becomes the copy's error then, never an unhandled one.
 */
export function keepingHead(content: Readable): { stream: Readable; head: () => Buffer } {
  const chunks: Buffer[] = [];
  let kept = 0;
  async function* copy(): AsyncGenerator<Buffer> {
    for await (const chunk of content) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      if (kept < HEAD_BYTES) {
        chunks.push(bytes.subarray(0, HEAD_BYTES - kept));
        kept += Math.min(bytes.length, HEAD_BYTES - kept);
      }
      yield bytes;
    }
  }
  return { stream: Readable.from(copy()), head: () => Buffer.concat(chunks) };
}

function normalised(declared: string | null | undefined): string | null {
  const type = declared?.split(';')[0].trim().toLowerCase();
  return type && /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type) ? type : null;
}

/**
 * The type a stored file gets: the one its bytes show (file-type), else the declared one — unless it claims
 * a format that has a signature (image, audio, video, font) the bytes lack, which makes it
 * `application/octet-stream`, so a script declared as `image/png` is never stored as an image.
 */
export async function storedType(head: Buffer, declared: string | null | undefined): Promise<string> {
  const detected = await fromBuffer(head);
  if (detected) return detected.mime;
  const claimed = normalised(declared);
  if (!claimed) return 'application/octet-stream';
  if (SIGNED_FAMILIES.test(claimed) && !UNSIGNED_EXCEPTIONS.has(claimed)) return 'application/octet-stream';
  return claimed;
}

/** `FILES_MIME_TYPE_ALLOW_LIST` entries: exact types or `family/*`, `*\/*` for any (Directus's default). */
export function typeAllowed(type: string, allowList: readonly string[]): boolean {
  return allowList.some((pattern) => {
    const entry = pattern.trim().toLowerCase();
    if (entry === '*/*' || entry === '*') return true;
    if (entry.endsWith('/*')) return type.startsWith(entry.slice(0, -1));
    return entry === type;
  });
}
