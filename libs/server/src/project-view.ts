import type { ProjectEntity, ProjectStats } from '@atrium/tenancy';

/** A project as `/server/projects` shows it: registry facts plus measured stats (null when unmeasurable). */
export interface ProjectView extends Record<keyof ProjectStats, number | null> {
  key: string;
  name: string;
  status: string;
  /** What `size` (the bytes stored: `database_size + files_size + variants_size`) is held to. */
  quota: { type: string; size: number | null };
  /** The project's own browser origins, or null when the platform's `CORS_*` settings apply. */
  cors_origins: string[] | null;
  /** The project's own request limit, or null when the platform's default (`/server/info`) applies. */
  rate_limit: { points: number; duration: number } | null;
  created_at: string;
  /** The name of the database server, never its address or credentials. */
  database: string;
}

export function toProjectView(project: ProjectEntity, stats: ProjectStats | null): ProjectView {
  return {
    key: project.key,
    name: project.name,
    status: project.status,
    collection_count: stats?.collection_count ?? null,
    entry_count: stats?.entry_count ?? null,
    size: stats?.size ?? null,
    database_size: stats?.database_size ?? null,
    files_size: stats?.files_size ?? null,
    variants_size: stats?.variants_size ?? null,
    file_count: stats?.file_count ?? null,
    variant_count: stats?.variant_count ?? null,
    oldest_record: stats?.oldest_record ?? null,
    latest_record: stats?.latest_record ?? null,
    quota: { type: project.quotaType, size: project.quotaSize === null ? null : Number(project.quotaSize) },
    cors_origins: project.corsOrigins,
    rate_limit: project.rateLimit,
    created_at: project.createdAt.toISOString(),
    database: project.dbServer,
  };
}
