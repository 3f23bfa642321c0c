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
import { projectInstanceId } from '@atrium/tenancy';
import { VariantStore, type VariantOwner } from './variant-store';

/** Where one transformation of one stored file lives, and what it is once its format is settled. */
export interface PlannedVariant {
  name: string;
  resolved: ResolvedTransformation;
  /** The format followed the request's `Accept` (`format=auto`). */
  variesByAccept: boolean;
}

/** The stored original a variant is made from. */
export interface VariantSource {
  owner: VariantOwner;
  driver: StorageDriver;
  /** The file's storage location (its driver's name) and row. */
  location: string;
  fileId: string;
  diskName: string;
}

/** A variant just made: its bytes, and whether the quota let them be stored for the next request. */
export interface ProducedVariant {
  data: Buffer;
  stored: boolean;
}

/**
 * The one way a variant is named and made, shared by `/assets/:id` and the `assets` jobs so both write the
 * same object for the same preset. Concurrent calls for one missing variant of one project instance share
 * one transform.
 */
@Injectable()
export class VariantProducer {
  private readonly producing = new Map<string, Promise<ProducedVariant>>();

  constructor(
    private readonly transformer: ImageTransformer,
    private readonly store: VariantStore,
  ) {}

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
   * Transforms the original into `variant.name` beside it, stored as the quota allows (`VariantStore`). The
   * key holds the project instance, so two provisionings of one key never share a pending transform.
   * Rejects as the transformer does.
   */
  produce(source: VariantSource, variant: PlannedVariant): Promise<ProducedVariant> {
    const key = `${projectInstanceId(source.owner.project)}:${variant.name}`;
    let pending = this.producing.get(key);
    if (!pending) {
      pending = this.transformer
        .transform(source.driver.read(source.diskName), variant.resolved)
        .then(async ({ data }) => {
          const stored = await this.store.keep(
            source.owner,
            source.driver,
            {
              name: variant.name,
              location: source.location,
              fileId: source.fileId,
              source: source.diskName,
            },
            data,
          );
          return { data, stored };
        })
        .finally(() => this.producing.delete(key));
      this.producing.set(key, pending);
    }
    return pending;
  }
}
