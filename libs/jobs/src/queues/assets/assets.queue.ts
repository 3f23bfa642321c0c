/** Post-upload work on one file: metadata extraction and one pre-generated variant per job (DESIGN §7). */
export const ASSETS_QUEUE = 'assets';

/** BullMQ job name of an assets job (informational; the processor dispatches on the payload). */
export const ASSET_JOB_NAME = 'asset';

/** Ids only, never file contents: the processor re-reads the tenant and the file, so a retry sees fresh data. */
export interface AssetJobPayload {
  project: string;
  fileId: string;
  variant: string;
}

/**
 * `<project>:<fileId>:<variant>`: the same file and variant is one job however often it is requested, and a
 * project's jobs share the `<project>:` prefix they are removed by. A part may not contain ':'.
 */
export function assetJobId({ project, fileId, variant }: AssetJobPayload): string {
  for (const [field, value] of Object.entries({ project, fileId, variant })) {
    if (value === '' || value.includes(':'))
      throw new Error(`Asset job ${field} must be non-empty and free of ':'`);
  }
  return `${project}:${fileId}:${variant}`;
}
