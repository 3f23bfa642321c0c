import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { MAX_EXIF_BYTES, readExifSubset } from './exif-subset';
import { readImageMetadata } from './image-metadata';
import { readIptcFields } from './iptc-fields';
import { sharp } from './sharp';
import { iptcDataset, photo, solidImage } from './testing/images';

const CAMERA = {
  IFD0: { Make: '  Atrium Optics  ', Model: 'A1', Software: 'not kept' },
  IFD2: {
    FNumber: '28/10',
    ExposureTime: '1/250',
    FocalLength: '50/1',
    ISOSpeedRatings: '400',
    UserComment: 'x',
  },
};

const read = (bytes: Buffer) => readImageMetadata(Readable.from([bytes]));

/** The EXIF block sharp reports for an image. */
async function exifOf(bytes: Buffer): Promise<Buffer> {
  const { exif } = await sharp(bytes).metadata();
  assert.ok(exif, 'the test image carries EXIF');
  return exif;
}

describe('readImageMetadata', () => {
  it('keeps Directus’s default EXIF subset, trimmed, and nothing else of the EXIF', async () => {
    const found = await read(await photo(40, 20, { exif: CAMERA }));
    assert.deepEqual(found, {
      width: 40,
      height: 20,
      metadata: {
        ifd0: { Make: 'Atrium Optics', Model: 'A1' },
        exif: { FNumber: 2.8, ExposureTime: 0.004, FocalLength: 50, ISOSpeedRatings: 400 },
      },
    });
  });

  it('answers the displayed size of a quarter-turned photo', async () => {
    const found = await read(await photo(40, 20, { orientation: 6 }));
    assert.deepEqual({ width: found.width, height: found.height }, { width: 20, height: 40 });
    const upsideDown = await read(await photo(40, 20, { orientation: 3 }));
    assert.deepEqual({ width: upsideDown.width, height: upsideDown.height }, { width: 40, height: 20 });
  });

  it('maps the IPTC caption, headline and keywords, and stores an empty subset for an image without EXIF', async () => {
    const found = await read(
      await photo(30, 30, {
        iptc: [
          iptcDataset(120, 'Harbour at dawn'),
          iptcDataset(105, 'Harbour'),
          iptcDataset(25, 'sea'),
          iptcDataset(25, 'boats'),
          iptcDataset(25, 'sea'),
        ],
      }),
    );
    assert.deepEqual(found, {
      width: 30,
      height: 30,
      metadata: {},
      description: 'Harbour at dawn',
      title: 'Harbour',
      tags: ['sea', 'boats'],
    });
    const png = await read(await solidImage(12, 7, 'png'));
    assert.deepEqual(png, { width: 12, height: 7, metadata: {} });
  });

  it('refuses what is no image as ILLEGAL_ASSET_TRANSFORMATION', async () => {
    await assert.rejects(read(Buffer.from('not an image at all')), { code: 'ILLEGAL_ASSET_TRANSFORMATION' });
  });
});

describe('readExifSubset', () => {
  it('bounds hostile text and drops binary values', async () => {
    const exif = await exifOf(
      await photo(8, 8, { exif: { IFD0: { Make: `${'M'.repeat(5000)}\u0001`, Model: 'ok' } } }),
    );
    const subset = readExifSubset(exif);
    assert.equal((subset.ifd0.Make as string).length, 256);
    assert.equal(subset.ifd0.Model, 'ok');
    // Text that is no ASCII comes back from the parser as a Buffer: not stored.
    const latin = Buffer.from(exif);
    const at = latin.indexOf('ok');
    latin[at] = 0xe9;
    assert.deepEqual(readExifSubset(latin).ifd0 ?? {}, { Make: subset.ifd0.Make });
    assert.ok(JSON.stringify(subset).length < 1024);
  });

  it('parses nothing past its size limit and throws for a malformed block', () => {
    assert.deepEqual(readExifSubset(Buffer.alloc(MAX_EXIF_BYTES + 1)), {});
    assert.throws(() => readExifSubset(Buffer.from('Exif\0\0garbage')));
  });
});

describe('readIptcFields', () => {
  it('reads datasets walking the Photoshop resources, bounded by what IIM allows', () => {
    const many = Array.from({ length: 100 }, (_, n) => iptcDataset(25, `k${n}`));
    const fields = readIptcFields(
      Buffer.concat([iptcDataset(120, `${'c'.repeat(3000)}`), iptcDataset(105, 'h'.repeat(400)), ...many]),
    );
    assert.equal(fields.caption?.length, 2000);
    assert.equal(fields.headline?.length, 255);
    assert.equal(fields.keywords?.length, 64);
  });

  it('stops at a truncated or malformed dataset instead of throwing', () => {
    const whole = Buffer.concat([iptcDataset(120, 'kept'), iptcDataset(105, 'cut off here')]);
    assert.deepEqual(readIptcFields(whole.subarray(0, whole.length - 3)), { caption: 'kept' });
    assert.deepEqual(readIptcFields(Buffer.from('8BIM\x04\x04')), {});
    assert.deepEqual(readIptcFields(Buffer.alloc(0)), {});
    const nul = readIptcFields(iptcDataset(120, 'a\u0000b'));
    assert.equal(nul.caption, 'ab', 'no NUL reaches PostgreSQL');
  });
});
