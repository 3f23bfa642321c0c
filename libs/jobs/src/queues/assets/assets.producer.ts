import type { JobQueueDriver } from '../../job-queue.driver';
import { ASSET_JOB_NAME, ASSETS_QUEUE, AssetJobPayload, assetJobId } from './assets.queue';

/**
 * The one place that enqueues assets jobs. Rejects (503 `SERVICE_UNAVAILABLE` on BullMQ) when the queue cannot
 * take the job; an upload should catch that and leave the variant to be generated on first request.
 */
export function enqueueAssetJob(
  queue: JobQueueDriver,
  payload: AssetJobPayload,
  options: { delayMs?: number; attempts?: number } = {},
): Promise<void> {
  const { project, instance, fileId, variant } = payload;
  return queue.add<AssetJobPayload>(
    ASSETS_QUEUE,
    ASSET_JOB_NAME,
    { project, instance, fileId, variant },
    {
      jobId: assetJobId(payload),
      ...options,
    },
  );
}
