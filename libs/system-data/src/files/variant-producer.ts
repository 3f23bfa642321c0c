import { Injectable } from '@nestjs/common';
import type { StorageDriver } from '@atrium/files';
import {
  ImageTransformer,
  resolveFormat,
  variantName,
  withFocalPoint,
  type FocalSource,
  type ResolvedTransformation,
  type Transformation,
} from '@atrium/media';
import { Readable } from 'node:stream';

/** Where one transformation of one stored file lives, and what it is once its format is settled. */
export interface PlannedVariant {
  name: string;
  resolved: ResolvedTransformation;
  /** The format followed the request's `Accept` (`format=auto`). */
  variesByAccept: boolean;
}

/**
 * The one way a variant is named and made, shared by `/assets/:id` and the `assets` jobs so both write the
 * same object for the same preset. Concurrent calls for one missing variant of one project instance share
 * one transform.
 */
@Injectable()
export class VariantProducer {
  private readonly producing = new Map<string, Promise<void>>();

  constructor(private readonly transformer: ImageTransformer) {}

  /**
   * Names the variant of `diskName` (of `sourceType`) for `transformation`, as a client sending `accept` gets
   * it; `file` (the row's size and focal point) decides whether a `cover` crop follows its focal point.
   */
  plan(
    diskName: string,
    sourceType: string,
    transformation: Transformation,
    accept: string | undefined,
    file?: FocalSource,
  ): PlannedVariant {
    const formatted = resolveFormat(transformation, sourceType, accept);
    const resolved = withFocalPoint(formatted.resolved, file);
    return { name: variantName(diskName, resolved), resolved, variesByAccept: formatted.variesByAccept };
  }

  /**
   * Transforms `source` into `variant.name` beside it. `instance` (the project's `projectInstanceId`) keeps two
   * provisionings of one key from sharing a pending transform. Rejects as the transformer does.
   */
  async produce(
    instance: string,
    driver: StorageDriver,
    source: string,
    variant: PlannedVariant,
  ): Promise<void> {
    const key = `${instance}:${variant.name}`;
    let pending = this.producing.get(key);
    if (!pending) {
      pending = this.transformer
        .transform(driver.read(source), variant.resolved)
        .then(async (image) => {
          await driver.write(variant.name, Readable.from([image.data]));
        })
        .finally(() => this.producing.delete(key));
      this.producing.set(key, pending);
    }
    await pending;
  }
}
