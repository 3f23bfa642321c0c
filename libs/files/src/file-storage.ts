import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { S3Client } from '@aws-sdk/client-s3';
import { APP_CONFIG, AppConfig, type S3StorageLocation, type StorageLocationConfig } from '@atrium/core';
import * as path from 'node:path';
import { LocalStorageDriver } from './local-storage-driver';
import { projectObjectPrefix } from './project-object-prefix';
import { projectStorageRoot } from './project-storage-root';
import { createS3Client } from './s3-client';
import { S3StorageDriver } from './s3-storage-driver';
import type { StorageDriver } from './storage-driver';

/** A platform folder: a dot, then a name (project keys start with a letter, so none is one). */
const PLATFORM_FOLDER = /^\.[a-z][a-z0-9-]{0,31}$/;

/** The `storage` value of rows whose bytes Directus's default location holds. */
export const LOCAL_STORAGE = 'local';

/** A row names a location the configuration no longer has (`STORAGE_LOCATIONS` changed). */
export class UnknownStorageLocationError extends Error {
  constructor(readonly location: string) {
    super(`storage location ${location} is not configured (STORAGE_LOCATIONS)`);
    this.name = 'UnknownStorageLocationError';
  }
}

/**
 * Hands out the storage driver of a project in one of the configured locations (`STORAGE_LOCATIONS`): a
 * local one under `<root>/<project>/`, an s3 one under `<prefix>/<project>/` of its bucket. New uploads go to
 * the first location; existing rows are read and removed through the location their `storage` names.
 */
@Injectable()
export class FileStorage implements OnModuleDestroy {
  private readonly byName: ReadonlyMap<string, StorageLocationConfig>;
  /** One S3 client per location, made on first use and shared by every project there. */
  private readonly clients = new Map<string, S3Client>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.byName = new Map(config.storage.locations.map((location) => [location.name, location]));
  }

  /** Where new uploads go: the first of `STORAGE_LOCATIONS`. */
  defaultLocation(): string {
    return this.config.storage.locations[0].name;
  }

  /** Every configured location's name, the default first. */
  locations(): string[] {
    return this.config.storage.locations.map((location) => location.name);
  }

  forProject(projectKey: string, location = this.defaultLocation()): StorageDriver {
    const config = this.byName.get(location);
    if (!config) throw new UnknownStorageLocationError(location);
    if (config.driver === 'local') return new LocalStorageDriver(projectStorageRoot(config.root, projectKey));
    return new S3StorageDriver({
      client: this.clientOf(config),
      bucket: config.bucket,
      prefix: projectObjectPrefix(config.root, projectKey),
    });
  }

  /**
   * The platform's own objects in `location` (backups), in `folder` beside the projects': its name starts
   * with a dot, which no project key can, so no project reads or deletes them. `local` is always there (the
   * `STORAGE_LOCAL_ROOT` folder), listed in `STORAGE_LOCATIONS` or not.
   */
  forPlatform(folder: string, location: string): StorageDriver {
    if (!PLATFORM_FOLDER.test(folder)) throw new Error(`invalid platform folder ${folder}`);
    const config =
      this.byName.get(location) ??
      (location === LOCAL_STORAGE
        ? { name: LOCAL_STORAGE, driver: 'local' as const, root: this.config.storageLocalRoot }
        : undefined);
    if (!config) throw new UnknownStorageLocationError(location);
    if (config.driver === 'local') return new LocalStorageDriver(path.join(config.root, folder));
    return new S3StorageDriver({
      client: this.clientOf(config),
      bucket: config.bucket,
      prefix: config.root === '' ? `${folder}/` : `${config.root}/${folder}/`,
    });
  }

  /** Whether `location` can be handed out by `forPlatform`. */
  hasPlatformLocation(location: string): boolean {
    return location === LOCAL_STORAGE || this.byName.has(location);
  }

  onModuleDestroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  private clientOf(location: S3StorageLocation): S3Client {
    let client = this.clients.get(location.name);
    if (!client) {
      client = createS3Client(location);
      this.clients.set(location.name, client);
    }
    return client;
  }
}
