import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import { PROJECT_KEY_PATTERN } from '@atrium/tenancy';
import * as path from 'node:path';
import { LocalStorageDriver } from './local-storage-driver';
import type { StorageDriver } from './storage-driver';

/** The `storage` value of rows whose bytes the local driver holds. */
export const LOCAL_STORAGE = 'local';

/** Hands out the storage driver of a project (only `local` for now: `<STORAGE_LOCAL_ROOT>/<project>/`). */
@Injectable()
export class FileStorage {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  forProject(projectKey: string): StorageDriver {
    // Keys were validated at provisioning; checking again keeps a bad call from reaching outside the root.
    if (!PROJECT_KEY_PATTERN.test(projectKey)) throw new Error(`invalid project key ${projectKey}`);
    return new LocalStorageDriver(path.join(this.config.storageLocalRoot, projectKey));
  }
}
