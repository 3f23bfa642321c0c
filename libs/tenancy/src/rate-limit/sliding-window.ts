/** A project's budget: `points` requests per `duration` seconds. */
export interface RateLimit {
  points: number;
  duration: number;
}

/** The counts of the window a request falls in and of the one before it. */
export interface WindowCounts {
  previous: number;
  current: number;
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  /** Requests still admitted now, this one counted. */
  remaining: number;
  /** Milliseconds until the current window ends (`RateLimit-Reset`). */
  resetMs: number;
  /** For a refused request, milliseconds until one would be admitted (`Retry-After`). */
  retryAfterMs: number;
}

/** Which fixed window `nowMs` falls in, and how far into it. Windows are aligned to the epoch. */
export function windowAt(nowMs: number, durationMs: number): { index: number; elapsedMs: number } {
  const index = Math.floor(nowMs / durationMs);
  return { index, elapsedMs: nowMs - index * durationMs };
}

/**
 * The sliding-window estimate (as Cloudflare's): the previous window's count weighted by how much of it
 * still overlaps the last `duration`, plus the current window's. A request is admitted while the estimate
 * stays under the limit, and only admitted requests are counted, so a client hammering a closed window does
 * not keep it closed. `counts` are before this request.
 */
export function decide(
  counts: WindowCounts,
  elapsedMs: number,
  durationMs: number,
  points: number,
): RateDecision {
  const overlap = 1 - elapsedMs / durationMs;
  const estimate = counts.previous * overlap + counts.current;
  const allowed = estimate + 1 <= points;
  const used = allowed ? estimate + 1 : estimate;
  const resetMs = durationMs - elapsedMs;
  return {
    allowed,
    limit: points,
    remaining: Math.max(0, Math.floor(points - used)),
    resetMs,
    retryAfterMs: allowed ? 0 : retryAfterMs(counts, elapsedMs, durationMs, points),
  };
}

/**
 * When the estimate next drops low enough for one more request: within this window once enough of the
 * previous one has slid out, or else when this window ends (its count, at most `points`, then decays).
 */
function retryAfterMs(counts: WindowCounts, elapsedMs: number, durationMs: number, points: number): number {
  const untilWindowEnd = durationMs - elapsedMs;
  if (counts.previous === 0 || counts.current + 1 > points) return untilWindowEnd;
  // previous × (1 − (elapsed + t) / duration) + current + 1 ≤ points
  const t = (durationMs * (counts.previous - (points - 1 - counts.current))) / counts.previous - elapsedMs;
  return Math.min(untilWindowEnd, Math.max(1, Math.ceil(t)));
}
