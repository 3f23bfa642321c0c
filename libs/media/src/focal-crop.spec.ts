import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { focalCrop, withFocalPoint, type FocalSource } from './focal-crop';
import { ImageTransformer } from './image-transformer';
import { resolveFormat } from './resolve-format';
import { imageWithPatch, pixelAt } from './testing/images';
import type { ResolvedTransformation } from './transformation';
import { variantName } from './variant-name';

const COVER: ResolvedTransformation = { width: 100, height: 100, fit: 'cover', format: 'png' };
const FILE: FocalSource = { width: 400, height: 200, focal_point_x: 350, focal_point_y: 100 };

describe('focalCrop', () => {
  const cases: Array<[string, { x: number; y: number }, { left: number; top: number }]> = [
    ['centred on the point', { x: 200, y: 100 }, { left: 50, top: 0 }],
    ['moved back inside near the right edge', { x: 390, y: 100 }, { left: 100, top: 0 }],
    ['moved back inside near the left edge', { x: 10, y: 190 }, { left: 0, top: 0 }],
    ['moved back inside beyond the image', { x: -50, y: 5000 }, { left: 0, top: 0 }],
  ];
  for (const [name, point, corner] of cases) {
    it(`covers 400×200 with 100×100 by scaling to 200×100, then cuts ${name}`, () => {
      assert.deepEqual(focalCrop({ width: 100, height: 100 }, { ...point, width: 400, height: 200 }), {
        width: 200,
        height: 100,
        region: { ...corner, width: 100, height: 100 },
      });
    });
  }

  it('scales a portrait image by its width, and never up with withoutEnlargement', () => {
    assert.deepEqual(focalCrop({ width: 50, height: 50 }, { x: 50, y: 300, width: 100, height: 400 }), {
      width: 50,
      height: 200,
      region: { left: 0, top: 125, width: 50, height: 50 },
    });
    assert.deepEqual(
      focalCrop(
        { width: 500, height: 100, withoutEnlargement: true },
        { x: 40, y: 50, width: 80, height: 100 },
      ),
      { width: 80, height: 100, region: { left: 0, top: 0, width: 80, height: 100 } },
    );
  });
});

describe('withFocalPoint', () => {
  it('sets the point only for a cover crop with both sides, a point and a known size', () => {
    const focal = withFocalPoint(COVER, FILE);
    assert.deepEqual(focal.focalPoint, { x: 350, y: 100, width: 400, height: 200 });
    assert.deepEqual(withFocalPoint({ ...COVER, fit: undefined }, FILE).focalPoint, focal.focalPoint);
    const unchanged: Array<[ResolvedTransformation, FocalSource | undefined]> = [
      [{ ...COVER, fit: 'contain' }, FILE],
      [{ ...COVER, height: undefined }, FILE],
      [COVER, { ...FILE, focal_point_y: null }],
      [COVER, { ...FILE, width: null }],
      [COVER, undefined],
    ];
    for (const [transformation, file] of unchanged) {
      assert.equal(withFocalPoint(transformation, file), transformation);
    }
  });

  it('names a new variant when the point moves, and keeps every other name as it was', () => {
    const plain = variantName('f.png', COVER);
    const here = variantName('f.png', withFocalPoint(COVER, FILE));
    const moved = variantName('f.png', withFocalPoint(COVER, { ...FILE, focal_point_x: 10 }));
    assert.notEqual(here, plain);
    assert.notEqual(moved, here);
    assert.equal(variantName('f.png', withFocalPoint(COVER, { ...FILE, focal_point_x: null })), plain);
    assert.equal(variantName('f.png', resolveFormat(COVER, 'image/png', undefined).resolved), plain);
  });
});

describe('a focal point cover crop, through the one pipeline', () => {
  const transformer = new ImageTransformer({ maxDimension: 6000, timeoutMs: 10_000, maxConcurrent: 2 });
  const red = { r: 255, g: 0, b: 0 };
  // A red square near the right edge of a wide image: a centred cover crop misses it.
  const patch = { left: 340, top: 70, width: 60, height: 60, colour: red };

  it('keeps the coloured region the point is on, where the centred crop loses it', async () => {
    const image = await imageWithPatch(400, 200, patch);
    const transform = async (file?: FocalSource) =>
      (await transformer.transform(Readable.from([image]), withFocalPoint(COVER, file))).data;
    const centred = await transform();
    const focused = await transform({ ...FILE, focal_point_x: 370, focal_point_y: 100 });
    assert.deepEqual(await pixelAt(centred, 99, 50), { r: 128, g: 128, b: 128 }, 'no red in the centre crop');
    // Scaled by ½ the square is x 170–200 of a 200-wide cover; the crop is its right half, x 100–200.
    assert.deepEqual(await pixelAt(focused, 85, 50), red);
    assert.deepEqual(await pixelAt(focused, 60, 50), { r: 128, g: 128, b: 128 });
    const meta = await transformer.transform(
      Readable.from([image]),
      withFocalPoint(COVER, { ...FILE, focal_point_x: 370 }),
    );
    assert.deepEqual({ width: meta.width, height: meta.height }, { width: 100, height: 100 });
  });

  it('answers 400, not 500, when the row’s size makes the crop impossible', async () => {
    const image = await imageWithPatch(400, 200, patch);
    await assert.rejects(
      transformer.transform(
        Readable.from([image]),
        withFocalPoint(COVER, { width: 1, height: 1_000_000_000, focal_point_x: 0, focal_point_y: 0 }),
      ),
      { code: 'ILLEGAL_ASSET_TRANSFORMATION' },
    );
  });
});
