/**
 * Rejects job ids BullMQ would refuse, so the in-process driver accepts exactly what production accepts:
 * BullMQ forbids integer-looking ids and ids containing ':' unless they have exactly three ':'-separated
 * parts (a compatibility rule it keeps for legacy repeatable jobs — the shape our `<project>:<file>:<variant>`
 * ids rely on).
 */
export function assertValidJobId(jobId: string): void {
  if (jobId === '') throw new Error('A job id must not be empty');
  if (String(Number.parseInt(jobId, 10)) === jobId)
    throw new Error(`Job id "${jobId}" must not be an integer`);
  const parts = jobId.split(':');
  if (parts.length > 1 && (parts.length !== 3 || parts.some((part) => part === ''))) {
    throw new Error(`Job id "${jobId}" must be a single part or exactly three non-empty ':'-separated parts`);
  }
}
