import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import { ProjectCleanups } from './project-cleanups';
import { PROJECT_KEY_PATTERN } from './project-key';

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
    // The key was validated at provisioning; checking again keeps a bad call from reaching outside the root.
    if (!PROJECT_KEY_PATTERN.test(key)) return;
    await rm(path.join(this.config.storageLocalRoot, key), { recursive: true, force: true });
  }
}
