import { AtriumException } from '@atrium/core';
import type { ProjectRateDecision } from '@atrium/tenancy';

/**
 * The IETF draft's headers (draft-ietf-httpapi-ratelimit-headers, the form express-rate-limit calls
 * draft-6): the limit, what is left, seconds until the window resets, and the policy `points;w=seconds`.
 */
export function rateLimitHeaders(decision: ProjectRateDecision): Record<string, string> {
  return {
    'RateLimit-Policy': `${decision.limit};w=${decision.windowSeconds}`,
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': String(decision.remaining),
    'RateLimit-Reset': String(Math.max(1, Math.ceil(decision.resetMs / 1000))),
  };
}

/** 429 in the envelope, with `Retry-After` in whole seconds (at least 1). */
export function requestsExceeded(decision: ProjectRateDecision): AtriumException {
  const durationSeconds = decision.windowSeconds;
  const retryAfter = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  return new AtriumException(
    'REQUESTS_EXCEEDED',
    `Too many requests for this project: at most ${decision.limit} per ${durationSeconds} s. Retry in ${retryAfter} s.`,
    { limit: decision.limit, duration: durationSeconds },
    { ...rateLimitHeaders(decision), 'Retry-After': String(retryAfter) },
  );
}
