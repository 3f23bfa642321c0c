import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import { ProjectCleanups } from '@atrium/tenancy';
import { rm } from 'node:fs/promises';
import { projectStorageRoot } from './project-storage-root';

/** A deleted project's stored files go with it: `<STORAGE_LOCAL_ROOT>/<key>/`. */
@Injectable()
export class ProjectFilesCleanup implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cleanups: ProjectCleanups,
  ) {}

  onModuleInit(): void {
    this.cleanups.register('local-files', (key) => this.remove(key));
  }

  async remove(key: string): Promise<void> {
    await rm(projectStorageRoot(this.config.storageLocalRoot, key), { recursive: true, force: true });
  }
}
