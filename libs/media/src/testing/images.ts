import { deflateSync } from 'node:zlib';
import { sharp } from '../sharp';

/** A real image made by sharp, for transforms to read. */
export function solidImage(width: number, height: number, format: 'png' | 'jpeg' = 'png'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .toFormat(format)
    .toBuffer();
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A few hundred bytes that claim to be a `width`×`height` PNG (a decompression bomb's header): a decoder
 * that trusted it would allocate width × height × 3 bytes.
 */
export function pngClaiming(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An image that does not compress (Gaussian noise): its variants weigh about what their pixels do. */
export function noisyImage(width: number, height: number): Promise<Buffer> {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: 0, g: 0, b: 0 },
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .png()
    .toBuffer();
}

/** One IPTC-IIM dataset of the application record: marker, record 2, dataset number, length, text. */
export function iptcDataset(dataset: number, text: string | Buffer): Buffer {
  const data = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const header = Buffer.from([0x1c, 2, dataset, 0, 0]);
  header.writeUInt16BE(data.length, 3);
  return Buffer.concat([header, data]);
}

/**
 * A JPEG with an APP13 segment holding `datasets` as Photoshop's IPTC resource, as photo tools write it
 * (sharp writes no IPTC of its own).
 */
export function withIptc(jpeg: Buffer, datasets: readonly Buffer[]): Buffer {
  const iim = Buffer.concat(datasets);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(iim.length);
  const resources = Buffer.concat([
    Buffer.from('Photoshop 3.0\0', 'latin1'),
    Buffer.from('8BIM', 'latin1'),
    // Resource 0x0404 (IPTC-NAA) with an empty name, padded to an even size.
    Buffer.from([0x04, 0x04, 0, 0]),
    size,
    iim,
    Buffer.alloc(iim.length % 2),
  ]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(resources.length + 2);
  // Right after the start-of-image marker.
  return Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xff, 0xed]), length, resources, jpeg.subarray(2)]);
}

/** What `photo` writes into a picture, as a camera and a photo tool would. */
export interface PhotoFacts {
  orientation?: number;
  exif?: { IFD0?: Record<string, string>; IFD2?: Record<string, string> };
  iptc?: Buffer[];
}

/** A `width`×`height` JPEG (as stored, before its orientation turns it) carrying EXIF and IPTC. */
export async function photo(width: number, height: number, facts: PhotoFacts = {}): Promise<Buffer> {
  let image = sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } }).jpeg();
  if (facts.exif) image = image.withExif(facts.exif);
  if (facts.orientation) image = image.withMetadata({ orientation: facts.orientation });
  const jpeg = await image.toBuffer();
  return facts.iptc ? withIptc(jpeg, facts.iptc) : jpeg;
}

/** A region of an image and its colour. */
export interface Patch {
  left: number;
  top: number;
  width: number;
  height: number;
  colour: { r: number; g: number; b: number };
}

/** A grey `width`×`height` PNG with one coloured patch, to see where a crop was cut. */
export async function imageWithPatch(width: number, height: number, patch: Patch): Promise<Buffer> {
  const square = await sharp({
    create: { width: patch.width, height: patch.height, channels: 3, background: patch.colour },
  })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: { r: 128, g: 128, b: 128 } } })
    .composite([{ input: square, left: patch.left, top: patch.top }])
    .png()
    .toBuffer();
}

/** The colour of one pixel of an encoded image. */
export async function pixelAt(
  image: Buffer,
  x: number,
  y: number,
): Promise<{ r: number; g: number; b: number }> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return { r: data[at], g: data[at + 1], b: data[at + 2] };
}
