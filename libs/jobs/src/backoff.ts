/**
 * Delay before the next try after `failedAttempt` (1-based) failed: base, 2×base, 4×base… — the same curve as
 * BullMQ's `exponential` backoff, so both drivers retry alike.
 */
export function exponentialBackoffMs(baseMs: number, failedAttempt: number): number {
  return Math.round(baseMs * 2 ** (failedAttempt - 1));
}
