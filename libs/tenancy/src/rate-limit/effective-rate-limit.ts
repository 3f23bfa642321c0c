import type { ProjectEntity } from '../registry/project.entity';
import type { RateLimit } from './sliding-window';

/** The limit a project's requests are held to: its own, else the platform's; null when none (points 0). */
export function effectiveRateLimit(
  project: Pick<ProjectEntity, 'rateLimit'>,
  platformDefault: RateLimit,
): RateLimit | null {
  const limit = project.rateLimit ?? platformDefault;
  return limit.points > 0 ? limit : null;
}
