import sharp from 'sharp';
import { availableParallelism } from 'node:os';

/**
 * The one place sharp is loaded and set up (DESIGN §7: `libs/media` is the only code that imports it).
 * libvips's operation cache would keep decoded images of every project in memory between requests, and
 * its thread pool defaults to every core for each image; both are bounded here, once per process.
 */
sharp.cache(false);
sharp.concurrency(Math.max(1, Math.min(4, availableParallelism())));

export { sharp };
export type { Sharp, FormatEnum } from 'sharp';
