import { Injectable, OnModuleInit } from '@nestjs/common';
import { ProjectCleanups } from '@atrium/tenancy';
import { FileStorage } from './file-storage';

/**
 * A deleted project's stored files go with it, in every configured location: its folder of each local
 * location, every object under its prefix of each s3 location.
 */
@Injectable()
export class ProjectFilesCleanup implements OnModuleInit {
  constructor(
    private readonly storage: FileStorage,
    private readonly cleanups: ProjectCleanups,
  ) {}

  onModuleInit(): void {
    this.cleanups.register('stored-files', (key) => this.remove(key));
  }

  /** Every location is tried even when one fails (an unreachable bucket must not keep a disk's files). */
  async remove(key: string): Promise<void> {
    const locations = this.storage.locations();
    const outcomes = await Promise.allSettled(
      locations.map((location) => this.storage.forProject(key, location).deleteAll()),
    );
    const failed = outcomes.flatMap((outcome, index) =>
      outcome.status === 'rejected' ? [`${locations[index]}: ${(outcome.reason as Error).message}`] : [],
    );
    if (failed.length > 0) throw new Error(`could not remove stored files (${failed.join('; ')})`);
  }
}
