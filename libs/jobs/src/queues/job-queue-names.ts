import { ASSETS_QUEUE } from './assets/assets.queue';
import { BACKUPS_QUEUE } from './backups/backups.queue';

/** Every queue Atrium defines; a new queue folder adds its name here so project cleanup reaches it. */
export const JOB_QUEUE_NAMES: readonly string[] = [ASSETS_QUEUE, BACKUPS_QUEUE];
