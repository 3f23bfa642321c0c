import { Inject, Injectable, Logger } from '@nestjs/common';
import { enqueueAssetJob, JOB_QUEUE, type JobQueueDriver } from '@atrium/jobs';
import { TRANSFORMABLE_TYPES, type AssetSettings } from '@atrium/media';
import { projectInstanceId, type TenantContext } from '@atrium/tenancy';
import { readAssetSettings } from '../asset-settings';
import { assetJobVariants, projectPresetKeys } from './asset-job-variants';

/** A file whose bytes just committed: its row id and the type it was stored with. */
export interface NewFile {
  id: string;
  type: string | null;
}

/**
 * Queues the post-upload `assets` jobs of committed files (DESIGN §7). Never fails the upload: a job that
 * cannot be queued is logged, and its variant is made on first request instead.
 */
@Injectable()
export class AssetJobsEnqueuer {
  private readonly logger = new Logger(AssetJobsEnqueuer.name);

  constructor(@Inject(JOB_QUEUE) private readonly queue: JobQueueDriver) {}

  async enqueue(tenant: TenantContext, files: readonly NewFile[]): Promise<void> {
    if (files.length === 0) return;
    const presetKeys = files.some((file) => file.type !== null && TRANSFORMABLE_TYPES.includes(file.type))
      ? projectPresetKeys(await this.settings(tenant))
      : [];
    const instance = projectInstanceId(tenant.project);
    const jobs = files.flatMap((file) =>
      assetJobVariants(file.type, presetKeys).map((variant) => ({
        project: tenant.key,
        instance,
        fileId: file.id,
        variant,
      })),
    );
    // In parallel: with Redis down each add waits its bounded ready timeout, once for all, not once per job.
    const results = await Promise.allSettled(jobs.map((job) => enqueueAssetJob(this.queue, job)));
    const failed = results.flatMap((result, index) =>
      result.status === 'rejected' ? [{ job: jobs[index], reason: result.reason as unknown }] : [],
    );
    if (failed.length > 0) {
      this.logger.warn(
        {
          project: tenant.key,
          failed: failed.length,
          jobs: jobs.length,
          err: failed[0].reason,
        },
        'could not queue asset jobs; their variants will be made on first request',
      );
    }
  }

  /** The project presets are a nicety: unreadable settings only mean fewer pre-generated variants. */
  private async settings(tenant: TenantContext): Promise<AssetSettings> {
    try {
      return await readAssetSettings(await tenant.pool());
    } catch (error) {
      this.logger.warn(
        { project: tenant.key, err: error },
        'could not read asset presets for pre-generation',
      );
      return { transform: 'none', presets: null };
    }
  }
}
