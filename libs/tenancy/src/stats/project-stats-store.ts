import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ProjectEntity, type ProjectStatus } from '../registry/project.entity';
import { PLATFORM_DATA_SOURCE } from '../registry/project-registry';
import type { ProjectStats } from './project-stats';

/** What a list of projects may be ordered by: registry columns, and measured figures. */
export const PROJECT_SORT_FIELDS = [
  'key',
  'name',
  'status',
  'created_at',
  'collection_count',
  'entry_count',
  'size',
  'file_count',
  'oldest_record',
  'latest_record',
] as const;
export type ProjectSortField = (typeof PROJECT_SORT_FIELDS)[number];

export interface ProjectListQuery {
  sort: Array<{ field: ProjectSortField; descending: boolean }>;
  /** Case-insensitive substring of the key or the name. */
  search: string | null;
  statuses: ProjectStatus[] | null;
  /** null: every project. */
  limit: number | null;
  offset: number;
}

export interface ListedProject {
  project: ProjectEntity;
  /** The last measurement, null until the project was first measured. */
  stats: ProjectStats | null;
}

/** Figures across every measured project, for `/server/info`. */
export interface PlatformTotals {
  projectCount: number;
  usage: number;
  oldestRecord: number | null;
  latestRecord: number | null;
}

const REGISTRY_COLUMNS: Partial<Record<ProjectSortField, string>> = {
  key: 'p.key',
  name: 'p.name',
  status: 'p.status',
  created_at: 'p.created_at',
};

/** A sort field as SQL: a registry column, or a measured figure (unmeasured projects last either way). */
const sortExpression = (field: ProjectSortField): string =>
  REGISTRY_COLUMNS[field] ?? `(s.stats ->> '${field}')::bigint`;

/** How long a claimed project is left to the instance measuring it before another may. */
const CLAIM_SECONDS = 60;

/**
 * The measured statistics of every project, kept in the platform database (migration
 * `ProjectStats1796200000001`): lists and platform totals are one query whatever the number of projects,
 * and the measuring happens in the background (`ProjectStatsRefresher`), never on a list's request path.
 */
@Injectable()
export class ProjectStatsStore {
  constructor(@Inject(PLATFORM_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async save(key: string, stats: ProjectStats): Promise<void> {
    // A project deleted meanwhile has no row to reference: nothing to keep.
    await this.dataSource.query(
      `INSERT INTO atrium_project_stats (key, stats, measured_at)
       SELECT key, $2::jsonb, now() FROM atrium_projects WHERE key = $1
       ON CONFLICT (key) DO UPDATE SET stats = EXCLUDED.stats, measured_at = now(), claimed_until = NULL`,
      [key, JSON.stringify(stats)],
    );
  }

  async read(key: string): Promise<{ stats: ProjectStats; measuredAt: Date } | null> {
    const rows: Array<{ stats: ProjectStats | null; measured_at: Date | null }> = await this.dataSource.query(
      'SELECT stats, measured_at FROM atrium_project_stats WHERE key = $1',
      [key],
    );
    const row = rows[0];
    return row?.stats && row.measured_at ? { stats: row.stats, measuredAt: row.measured_at } : null;
  }

  /**
   * Claims up to `limit` active projects whose stats are missing or older than `maxAgeMs`, stalest first,
   * skipping those another instance is measuring; they are this caller's for `CLAIM_SECONDS`.
   */
  async claimStale(maxAgeMs: number, limit: number): Promise<string[]> {
    // A project provisioned since has no row yet: it gets one, unmeasured, so it is claimed first.
    await this.dataSource.query(
      `INSERT INTO atrium_project_stats (key)
       SELECT p.key FROM atrium_projects p WHERE NOT EXISTS (SELECT 1 FROM atrium_project_stats s WHERE s.key = p.key)
       ON CONFLICT (key) DO NOTHING`,
    );
    // A SELECT around the UPDATE: TypeORM answers an UPDATE with [rows, count], a SELECT with its rows.
    const claimed: Array<{ key: string }> = await this.dataSource.query(
      `WITH claimed AS (UPDATE atrium_project_stats s SET claimed_until = now() + make_interval(secs => $3)
       WHERE s.key IN (
         SELECT st.key FROM atrium_project_stats st JOIN atrium_projects p ON p.key = st.key
         WHERE p.status = 'active'
           AND (st.measured_at IS NULL OR st.measured_at < now() - make_interval(secs => $1::float8 / 1000))
           AND (st.claimed_until IS NULL OR st.claimed_until < now())
         ORDER BY st.measured_at NULLS FIRST LIMIT $2
         FOR UPDATE OF st SKIP LOCKED)
       RETURNING s.key) SELECT key FROM claimed`,
      [maxAgeMs, limit, CLAIM_SECONDS],
    );
    return claimed.map((row) => row.key);
  }

  /** A page of projects (never those still being provisioned) with their last stats, and the matches' count. */
  async list(
    query: ProjectListQuery,
  ): Promise<{ items: ListedProject[]; filterCount: number; totalCount: number }> {
    const conditions = ["p.status <> 'provisioning'"];
    const values: unknown[] = [];
    if (query.search) {
      values.push(`%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      conditions.push(`(p.key ILIKE $${values.length} OR p.name ILIKE $${values.length})`);
    }
    if (query.statuses) {
      values.push(query.statuses);
      conditions.push(`p.status = ANY($${values.length}::text[])`);
    }
    const order = [
      ...query.sort.map(
        ({ field, descending }) => `${sortExpression(field)} ${descending ? 'DESC' : 'ASC'} NULLS LAST`,
      ),
      'p.created_at ASC',
      'p.key ASC',
    ].join(', ');
    const page = `${query.limit === null ? '' : `LIMIT ${query.limit}`} OFFSET ${query.offset}`;
    const rows: Array<{
      key: string;
      stats: ProjectStats | null;
      filter_count: string;
      total_count: string;
    }> = await this.dataSource.query(
      `SELECT p.key, s.stats, count(*) OVER () AS filter_count,
           (SELECT count(*) FROM atrium_projects WHERE status <> 'provisioning') AS total_count
         FROM atrium_projects p LEFT JOIN atrium_project_stats s ON s.key = p.key
         WHERE ${conditions.join(' AND ')} ORDER BY ${order} ${page}`,
      values,
    );
    const entities = await this.dataSource
      .getRepository(ProjectEntity)
      .findBy({ key: In(rows.map((row) => row.key)) });
    const byKey = new Map(entities.map((entity) => [entity.key, entity]));
    const items = rows.flatMap((row) => {
      const project = byKey.get(row.key);
      return project ? [{ project, stats: project.status === 'active' ? row.stats : null }] : [];
    });
    const counts = rows[0] ?? (await this.counts(conditions, values));
    return { items, filterCount: Number(counts.filter_count), totalCount: Number(counts.total_count) };
  }

  /** Across every active, measured project: one aggregate over the stored stats. */
  async totals(): Promise<PlatformTotals> {
    const rows: Array<{
      projects: string;
      usage: string | null;
      oldest: string | null;
      latest: string | null;
    }> = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM atrium_projects WHERE status <> 'provisioning') AS projects,
           sum((s.stats ->> 'size')::bigint) AS usage,
           min((s.stats ->> 'oldest_record')::bigint) AS oldest,
           max((s.stats ->> 'latest_record')::bigint) AS latest
         FROM atrium_project_stats s JOIN atrium_projects p ON p.key = s.key AND p.status = 'active'`,
    );
    const row = rows[0];
    const number = (value: string | null) => (value === null ? null : Number(value));
    return {
      projectCount: Number(row.projects),
      usage: Number(row.usage ?? 0),
      oldestRecord: number(row.oldest),
      latestRecord: number(row.latest),
    };
  }

  /** The counts when the page itself is empty (an offset past the end). */
  private async counts(
    conditions: string[],
    values: unknown[],
  ): Promise<{ filter_count: string; total_count: string }> {
    const rows: Array<{ filter_count: string; total_count: string }> = await this.dataSource.query(
      `SELECT count(*) AS filter_count,
         (SELECT count(*) FROM atrium_projects WHERE status <> 'provisioning') AS total_count
       FROM atrium_projects p WHERE ${conditions.join(' AND ')}`,
      values,
    );
    return rows[0];
  }
}
