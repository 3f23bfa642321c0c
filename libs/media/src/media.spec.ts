import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { requestedTransformation, SYSTEM_PRESETS } from './asset-presets';
import { ImageTransformer } from './image-transformer';
import { parseTransformation } from './parse-transformation';
import { resolveFormat } from './resolve-format';
import { sharp } from './sharp';
import { pngClaiming, solidImage } from './testing/images';
import { variantName } from './variant-name';

const LIMITS = { maxDimension: 6000, maxOperations: 5 };
const ALL = { transform: 'all', presets: null };

describe('parseTransformation', () => {
  it('normalises what it accepts', () => {
    assert.deepEqual(
      parseTransformation(
        { width: '200', height: '100', fit: 'contain', quality: '80', format: 'JPG', withoutEnlargement: '' },
        LIMITS,
      ),
      { width: 200, height: 100, fit: 'contain', quality: 80, format: 'jpeg', withoutEnlargement: true },
    );
    assert.deepEqual(parseTransformation({ transforms: '[["blur",2],["flip"]]' }, LIMITS), {
      transforms: [['blur', 2], ['flip']],
    });
  });
  const refusals: Array<[string, Record<string, unknown>]> = [
    ['a width beyond the limit', { width: '100000' }],
    ['a height that is no number', { height: 'xyz' }],
    ['a negative width', { width: '-5' }],
    ['a fractional width', { width: '1.5' }],
    ['an unknown format', { format: 'exe' }],
    ['an unknown fit', { fit: 'stretch' }],
    ['quality 0', { quality: '0' }],
    ['six transforms', { transforms: JSON.stringify(Array.from({ length: 6 }, () => ['flip'])) }],
    ['a method outside the allow-list', { transforms: '[["toFile","/etc/passwd"]]' }],
    ['transforms that are no JSON', { transforms: '[[' }],
    ['transforms that are no list of lists', { transforms: '["blur"]' }],
    ['a repeated parameter', { width: ['1', '2'] }],
  ];
  for (const [name, query] of refusals) {
    it(`refuses ${name} with INVALID_QUERY`, () => {
      assert.throws(() => parseTransformation(query, LIMITS), { code: 'INVALID_QUERY' });
    });
  }
});

describe('requestedTransformation', () => {
  const presets = { transform: 'presets', presets: [{ key: 'card', width: 320, height: 200, fit: 'cover' }] };
  it('is null without transformation parameters, a system preset for its key', () => {
    assert.equal(requestedTransformation({ download: '' }, ALL, LIMITS), null);
    assert.deepEqual(
      requestedTransformation({ key: 'system-small-cover' }, ALL, LIMITS),
      SYSTEM_PRESETS['system-small-cover'],
    );
  });
  it('reads project presets and applies the settings gate as Directus does', () => {
    assert.deepEqual(requestedTransformation({ key: 'card' }, presets, LIMITS), {
      width: 320,
      height: 200,
      fit: 'cover',
    });
    assert.throws(() => requestedTransformation({ width: '10' }, presets, LIMITS), /Only configured presets/);
    assert.throws(
      () => requestedTransformation({ key: 'card' }, { ...presets, transform: 'none' }, LIMITS),
      /disabled/,
    );
    assert.ok(
      requestedTransformation({ key: 'system-large-contain' }, { ...presets, transform: 'none' }, LIMITS),
    );
    assert.throws(() => requestedTransformation({ key: 'nope' }, ALL, LIMITS), /isn't configured/);
    assert.throws(() => requestedTransformation({ key: 'card', width: '5' }, presets, LIMITS), /combine/);
  });
});

describe('resolveFormat and variantName', () => {
  it('auto picks AVIF, then WebP, from Accept, else the source format', () => {
    assert.equal(
      resolveFormat({ format: 'auto' }, 'image/png', 'image/avif,image/webp,*/*').resolved.format,
      'avif',
    );
    assert.equal(resolveFormat({ format: 'auto' }, 'image/png', 'image/webp,*/*').resolved.format, 'webp');
    assert.equal(
      resolveFormat({ format: 'auto' }, 'image/png', 'image/avif;q=0, */*').resolved.format,
      'png',
    );
    assert.equal(resolveFormat({ format: 'auto' }, 'image/jpeg', undefined).variesByAccept, true);
    assert.deepEqual(resolveFormat({ width: 5 }, 'image/jpeg', 'image/avif'), {
      resolved: { width: 5, format: 'jpeg' },
      variesByAccept: false,
    });
  });
  it('names one variant per normalised transformation, beside its file', () => {
    const a = variantName('abc.png', {
      width: 5,
      format: 'webp',
      transforms: [['resize', { width: 1, fit: 'cover' }]],
    });
    const b = variantName('abc.png', {
      format: 'webp',
      transforms: [['resize', { fit: 'cover', width: 1 }]],
      width: 5,
    });
    assert.equal(a, b);
    assert.match(a, /^abc__[0-9a-f]{20}\.webp$/);
    assert.notEqual(a, variantName('abc.png', { width: 6, format: 'webp' }));
  });
});

describe('ImageTransformer', () => {
  const transformer = new ImageTransformer({ maxDimension: 6000, timeoutMs: 5000, maxConcurrent: 4 });

  it('resizes and re-encodes, with EXIF orientation and the requested format', async () => {
    const source = await solidImage(400, 300, 'jpeg');
    const out = await transformer.transform(Readable.from([source]), { width: 200, format: 'webp' });
    assert.equal(out.width, 200);
    assert.equal(out.height, 150);
    assert.equal((await sharp(out.data).metadata()).format, 'webp');
  });

  it('refuses a decompression bomb from its header, without decoding it', async () => {
    const started = Date.now();
    await assert.rejects(
      transformer.transform(Readable.from([pngClaiming(20000, 20000)]), { width: 10, format: 'png' }),
      { code: 'ILLEGAL_ASSET_TRANSFORMATION' },
    );
    assert.ok(Date.now() - started < 2000);
  });

  it('refuses a truncated JPEG', async () => {
    const whole = await solidImage(300, 300, 'jpeg');
    await assert.rejects(
      transformer.transform(Readable.from([whole.subarray(0, whole.length / 2)]), {
        width: 10,
        format: 'png',
      }),
      { code: 'ILLEGAL_ASSET_TRANSFORMATION' },
    );
  });

  it('refuses a transform step that would grow the image past the limit, and bad step arguments', async () => {
    const source = await solidImage(10, 10);
    await assert.rejects(
      transformer.transform(Readable.from([source]), { format: 'png', transforms: [['resize', 100000]] }),
      { code: 'ILLEGAL_ASSET_TRANSFORMATION' },
    );
    await assert.rejects(
      transformer.transform(Readable.from([source]), { format: 'png', transforms: [['blur', 'lots']] }),
      { code: 'INVALID_QUERY' },
    );
  });

  it('answers 503 beyond its concurrency instead of queueing', async () => {
    const one = new ImageTransformer({ maxDimension: 6000, timeoutMs: 5000, maxConcurrent: 1 });
    const source = await solidImage(2000, 2000);
    const first = one.transform(Readable.from([source]), { width: 1500, format: 'avif' });
    await assert.rejects(one.transform(Readable.from([source]), { width: 10, format: 'png' }), {
      code: 'SERVICE_UNAVAILABLE',
    });
    await first;
    assert.equal(one.active, 0);
  });
});
