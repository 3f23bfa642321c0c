import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import { LocalStorageDriver } from './local-storage-driver';
import { projectStorageRoot } from './project-storage-root';
import type { StorageDriver } from './storage-driver';

/** The `storage` value of rows whose bytes the local driver holds. */
export const LOCAL_STORAGE = 'local';

/** Hands out the storage driver of a project (only `local` for now: `<STORAGE_LOCAL_ROOT>/<project>/`). */
@Injectable()
export class FileStorage {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  forProject(projectKey: string): StorageDriver {
    return new LocalStorageDriver(projectStorageRoot(this.config.storageLocalRoot, projectKey));
  }
}
