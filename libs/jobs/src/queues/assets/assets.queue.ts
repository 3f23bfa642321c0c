/** Post-upload work on one file: metadata extraction and one pre-generated variant per job (DESIGN §7). */
export const ASSETS_QUEUE = 'assets';

/** BullMQ job name of an assets job (informational; the processor dispatches on the payload). */
export const ASSET_JOB_NAME = 'asset';

/** The variant of the job that reads a file's dimensions into its row; every other variant names a preset. */
export const ASSET_METADATA_VARIANT = 'metadata';

/** Ids only, never file contents: the processor re-reads the tenant and the file, so a retry sees fresh data. */
export interface AssetJobPayload {
  project: string;
  /**
   * `projectInstanceId` of the provisioning that enqueued the job. The processor runs the job only while the
   * registry still names this instance, so a job outliving its project never touches a project re-created
   * under the same key. It travels in the payload, not in the job id: the id keeps BullMQ's three-part shape
   * and the `<project>:` prefix project cleanup removes by, and an instance id contains ':' itself.
   */
  instance: string;
  fileId: string;
  variant: string;
}

/** What makes an assets job one job: the instance is checked by the processor, not part of the identity. */
export type AssetJobKey = Pick<AssetJobPayload, 'project' | 'fileId' | 'variant'>;

/**
 * `<project>:<fileId>:<variant>`: the same file and variant is one job however often it is requested, and a
 * project's jobs share the `<project>:` prefix they are removed by. A part may not contain ':'.
 */
export function assetJobId({ project, fileId, variant }: AssetJobKey): string {
  for (const [field, value] of Object.entries({ project, fileId, variant })) {
    if (value === '' || value.includes(':'))
      throw new Error(`Asset job ${field} must be non-empty and free of ':'`);
  }
  return `${project}:${fileId}:${variant}`;
}
