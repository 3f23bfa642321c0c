// The transform baseline, in a process of its own: the bare sharp call Atrium's pipeline amounts to
// (`sharp(input).rotate().resize({ width }).webp().toBuffer()`) on the same stored original, the file read
// from disk for each image as Atrium reads it. libvips is set up as libs/media/src/sharp.ts sets it up
// (no operation cache, the same thread count), so both do the same work per image.
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import sharp from 'sharp';

sharp.cache(false);
sharp.concurrency(Math.max(1, Math.min(4, availableParallelism())));

export interface SharpInput {
  /** The stored original. */
  input: string;
}

/** One batch: every width once, `concurrency` images at a time. */
export interface SharpJob {
  widths: number[];
  concurrency: number;
}

export interface SharpResult {
  /** CPU time (user + system, µs) the process spent on the batch. */
  cpuMicros: number;
  images: number;
  /** Output bytes, to check both sides made the same images. */
  bytes: number;
}

async function batch(input: string, { widths, concurrency }: SharpJob): Promise<SharpResult> {
  const queue = [...widths];
  let bytes = 0;
  const before = process.cpuUsage();
  const loop = async () => {
    for (let width = queue.shift(); width !== undefined; width = queue.shift()) {
      const data = await sharp(await readFile(input))
        .rotate()
        .resize({ width })
        .webp()
        .toBuffer();
      bytes += data.length;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const { user, system } = process.cpuUsage(before);
  return { cpuMicros: user + system, images: widths.length, bytes };
}

process.once('message', ({ input }: SharpInput) => {
  process.on('message', (message: SharpJob | 'stop') => {
    if (message === 'stop') process.exit(0);
    batch(input, message).then(
      (result) => process.send?.(result),
      (error: Error) => {
        process.stderr.write(`sharp baseline failed: ${error.stack ?? error.message}\n`);
        process.exit(1);
      },
    );
  });
  process.once('disconnect', () => process.exit(0));
  process.send?.({ ready: true });
});
