import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import { REDIS } from '@atrium/redis';
import type { Redis } from 'ioredis';
import type { ProjectEntity } from '../registry/project.entity';
import { projectInstanceId } from '../registry/project-instance-id';
import { effectiveRateLimit } from './effective-rate-limit';
import { MemoryWindows } from './memory-windows';
import { RedisWindows } from './redis-windows';
import type { RateDecision, RateLimit } from './sliding-window';

/** A project's decision with the window it was counted in (`RateLimit-Policy`, the 429's message). */
export interface ProjectRateDecision extends RateDecision {
  windowSeconds: number;
}

/** How long after a Redis failure the limiter counts in memory before trying Redis again. */
const REDIS_RETRY_MS = 5_000;

/**
 * Per-project request limits (`rate_limit` on the project, else `PROJECT_RATE_LIMIT_*`). With Redis every
 * instance shares one sliding window per project; without it — or while it is down — each instance counts
 * alone, so the limit holds per instance and nobody is refused because Redis is (the documented policy).
 * Counts are keyed by project instance: a project re-created under the same key starts afresh.
 */
@Injectable()
export class ProjectRateLimiter {
  private readonly logger = new Logger(ProjectRateLimiter.name);
  private readonly memory = new MemoryWindows();
  private readonly shared: RedisWindows | null;
  private redisFailedAt = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) redis: Redis | null,
  ) {
    this.shared = redis ? new RedisWindows(redis) : null;
  }

  /** The platform's default, for `/server/info`. */
  get defaults(): RateLimit {
    return this.config.projectRateLimit;
  }

  /** The limit a project's requests are held to; null when it has none (`points: 0`). */
  limitOf(project: Pick<ProjectEntity, 'rateLimit'>): RateLimit | null {
    return effectiveRateLimit(project, this.config.projectRateLimit);
  }

  /** Counts one request of the project, or refuses it; null when the project is not limited. */
  async take(project: ProjectEntity): Promise<ProjectRateDecision | null> {
    const limit = this.limitOf(project);
    if (!limit) return null;
    return { ...(await this.count(project, limit)), windowSeconds: limit.duration };
  }

  private async count(project: ProjectEntity, limit: RateLimit): Promise<RateDecision> {
    const key = projectInstanceId(project);
    const durationMs = limit.duration * 1000;
    if (this.shared && Date.now() - this.redisFailedAt >= REDIS_RETRY_MS) {
      try {
        return await this.shared.take(key, limit.points, durationMs);
      } catch (error) {
        this.redisFailedAt = Date.now();
        this.logger.warn(
          { err: { message: (error as Error).message } },
          'Redis unavailable: project rate limits count per instance until it returns',
        );
      }
    }
    return this.memory.take(key, limit.points, durationMs);
  }
}
