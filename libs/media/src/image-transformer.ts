import { AtriumException } from '@atrium/core';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { buildPipeline, type PipelineLimits } from './build-pipeline';
import type { ResolvedTransformation } from './transformation';

export interface TransformerLimits extends PipelineLimits {
  maxConcurrent: number;
}

/** What a transform produced: the encoded bytes and their dimensions. */
export interface TransformedImage {
  data: Buffer;
  width: number;
  height: number;
}

function busy(): AtriumException {
  return new AtriumException('SERVICE_UNAVAILABLE', 'Server is too busy to transform the image right now.', {
    service: 'assets',
  });
}

/** sharp's own words for input it cannot or must not decode, answered 400 rather than 500. */
function sourceRefused(error: Error): AtriumException {
  const reason = error.message.split('\n')[0].slice(0, 200);
  return new AtriumException('ILLEGAL_ASSET_TRANSFORMATION', `The image can't be transformed: ${reason}`);
}

/**
 * Runs transformations with bounded concurrency: beyond `maxConcurrent` at once a request answers 503
 * at once instead of queueing memory; a transform past `timeoutMs` answers 503 too (sharp's own timeout
 * stops the work). Output bigger than the dimension limit is refused.
 */
export class ImageTransformer {
  private running = 0;

  constructor(private readonly limits: TransformerLimits) {}

  async transform(source: Readable, transformation: ResolvedTransformation): Promise<TransformedImage> {
    if (this.running >= this.limits.maxConcurrent) {
      source.destroy();
      throw busy();
    }
    this.running++;
    try {
      const image = buildPipeline(transformation, this.limits);
      const output = image.toBuffer({ resolveWithObject: true });
      // Streaming the source in: a source error (or sharp's refusal) ends both sides.
      const feeding = pipeline(source, image).catch((error: Error) => error);
      let result: { data: Buffer; info: { width: number; height: number } };
      try {
        result = await output;
      } catch (error) {
        const message = (error as Error).message;
        if (/timeout/i.test(message)) throw busy();
        throw sourceRefused(error as Error);
      } finally {
        // Settled either way; its error, if any, is the one sharp already reported.
        await feeding;
      }
      const { width, height } = result.info;
      if (width > this.limits.maxDimension || height > this.limits.maxDimension) {
        throw new AtriumException(
          'ILLEGAL_ASSET_TRANSFORMATION',
          `The transformed image would be larger than ${this.limits.maxDimension} pixels.`,
        );
      }
      return { data: result.data, width, height };
    } catch (error) {
      source.destroy();
      throw error;
    } finally {
      this.running--;
    }
  }

  /** Transforms running now, for health output. */
  get active(): number {
    return this.running;
  }
}
