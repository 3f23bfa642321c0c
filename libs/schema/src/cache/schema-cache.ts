import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InvalidationBus } from '@atrium/redis';
import { onProjectDeleted, projectInstanceId, TenantContext } from '@atrium/tenancy';
import { LRUCache } from 'lru-cache';
import type { ClientBase, Pool } from 'pg';
import { buildSchemaOverview } from '../overview/build-schema-overview';
import type { SchemaOverview } from '../overview/schema-overview';
import {
  decodeSchemaInvalidation,
  encodeSchemaInvalidation,
  SCHEMA_INVALIDATE_TOPIC,
} from './schema-invalidation';

export const SCHEMA_CACHE_OPTIONS = Symbol('SCHEMA_CACHE_OPTIONS');

export interface SchemaCacheOptions {
  /** Projects whose overview is kept; the least recently used beyond it is dropped. Default 500. */
  maxProjects?: number;
  /**
   * How old a cached overview may get before a read also checks the version row in the background (the
   * read itself is answered from the cache). Bounds staleness when a pub/sub message is lost, e.g. while
   * Redis restarts. Default 30 s; 0 turns it off.
   */
  revalidateAfterMs?: number;
  /** How an overview is built; replaced in tests to control timing. */
  build?: (pool: Pool) => Promise<SchemaOverview>;
}

interface Entry {
  overview: Promise<SchemaOverview>;
  /** The built version, once the build has settled. */
  version: number | null;
  checkedAt: number;
  checking: boolean;
}

const BUMP_SQL = `INSERT INTO public.atrium_schema_version AS current (id, version) VALUES (1, 2)
  ON CONFLICT (id) DO UPDATE SET version = current.version + 1
  RETURNING version`;
const VERSION_SQL = 'SELECT version FROM public.atrium_schema_version WHERE id = 1';

/** Rebuilds tried when the database still shows an older version than an invalidation announced. */
const MAX_BUILD_ATTEMPTS = 3;

/**
 * One immutable `SchemaOverview` per project instance, shared by every request (DESIGN §4). The first
 * readers of a project share one pending build; the result stays until a schema change invalidates it.
 *
 * Writers follow STYLE #4: DDL and metadata with `bump(tenant, client)` in one transaction → commit →
 * `afterCommit(tenant, version)`. Invalidation drops this instance's copy before it returns and tells the
 * other instances through the bus. Each message carries the committed version, which becomes a floor for
 * that project: a build that started before the commit and finishes after it comes back with an older
 * version and is rebuilt instead of being handed out or kept.
 */
@Injectable()
export class SchemaCache {
  private readonly logger = new Logger(SchemaCache.name);
  /** Per project instance; the least recently read beyond `maxProjects` is dropped. */
  private readonly entries: LRUCache<string, Entry>;
  /** Per project instance, the highest version any invalidation announced (bounded the same way). */
  private readonly floors: LRUCache<string, number>;
  private readonly revalidateAfterMs: number;
  private readonly build: (pool: Pool) => Promise<SchemaOverview>;
  private builds = 0;

  constructor(
    private readonly bus: InvalidationBus,
    @Optional() @Inject(SCHEMA_CACHE_OPTIONS) options: SchemaCacheOptions | null = null,
  ) {
    const maxProjects = options?.maxProjects ?? 500;
    this.entries = new LRUCache({ max: maxProjects });
    this.floors = new LRUCache({ max: maxProjects * 2 });
    this.revalidateAfterMs = options?.revalidateAfterMs ?? 30_000;
    this.build = options?.build ?? buildSchemaOverview;
    bus.on(SCHEMA_INVALIDATE_TOPIC, (message) => {
      const invalidation = decodeSchemaInvalidation(message);
      if (invalidation) this.apply(invalidation.project, invalidation.version);
    });
    // A deleted project's overview is never read again (a re-created one has another id): free it now.
    onProjectDeleted(bus, ({ instance }) => {
      this.entries.delete(instance);
      this.floors.delete(instance);
    });
  }

  /** The project's current overview: from the cache, or built once however many readers arrive together. */
  get(tenant: TenantContext): Promise<SchemaOverview> {
    const id = projectInstanceId(tenant.project);
    const existing = this.entries.get(id);
    if (existing) {
      this.lookups.hits++;
      this.revalidateIfOld(tenant, id, existing);
      return existing.overview;
    }
    this.lookups.misses++;
    const entry: Entry = {
      overview: this.buildCurrent(tenant, id),
      version: null,
      checkedAt: Date.now(),
      checking: false,
    };
    // Registered before any caller can await, so `version` is set by the time they resume.
    entry.overview.then(
      (overview) => {
        entry.version = overview.version;
        entry.checkedAt = Date.now();
      },
      () => {
        if (this.entries.peek(id) === entry) this.entries.delete(id);
      },
    );
    this.entries.set(id, entry);
    return entry.overview;
  }

  /**
   * Increments the project's schema version and returns the new one. Pass the client of the transaction
   * making the change so the bump commits (or rolls back) with it; its row lock also queues concurrent
   * schema changes of one project, so versions follow commit order.
   */
  async bump(tenant: TenantContext, client?: ClientBase): Promise<number> {
    const runner = client ?? (await tenant.pool());
    const { rows } = await runner.query<{ version: string }>(BUMP_SQL);
    return Number(rows[0].version);
  }

  /**
   * Drops every instance's copy of the project's overview: here before this resolves, on the peers when the
   * message arrives. Pass the `version` the change committed (from `bump`): copies already at it are kept
   * (the publisher hears its own message back through Redis) and builds that raced the commit are redone.
   * Without it every copy is dropped whatever its version, e.g. after DDL made outside the API.
   */
  async invalidate(tenant: TenantContext, version: number | null = null): Promise<void> {
    const id = projectInstanceId(tenant.project);
    this.apply(id, version);
    await this.bus.publish(SCHEMA_INVALIDATE_TOPIC, encodeSchemaInvalidation({ project: id, version }));
  }

  /** The last step of a schema change, after its transaction committed (STYLE #4). */
  afterCommit(tenant: TenantContext, version: number | null = null): Promise<void> {
    return this.invalidate(tenant, version);
  }

  /** Lookups answered from the cache and those that started a build, since start (for metrics). */
  private readonly lookups = { hits: 0, misses: 0 };

  /** Cached projects, builds run so far and lookups, for metrics, health output and tests. */
  stats(): { projects: number; builds: number } {
    return { projects: this.entries.size, builds: this.builds };
  }

  lookupCounts(): { hits: number; misses: number } {
    return { ...this.lookups };
  }

  /**
   * Applies one invalidation (local or from a peer). A copy already built at `version` or later is the
   * change's result and stays (the publisher's own message comes back through Redis); an older one goes.
   * A build still running stays too: it is checked against the raised floor when it finishes.
   */
  private apply(id: string, version: number | null): void {
    if (version !== null) this.raiseFloor(id, version);
    const entry = this.entries.peek(id);
    if (!entry) return;
    const stale = version === null || (entry.version !== null && entry.version < version);
    if (stale) this.entries.delete(id);
  }

  private raiseFloor(id: string, version: number): void {
    this.floors.set(id, Math.max(this.floors.get(id) ?? 0, version));
  }

  private async buildCurrent(tenant: TenantContext, id: string): Promise<SchemaOverview> {
    const pool = await tenant.pool();
    for (let attempt = 1; ; attempt++) {
      this.builds++;
      const overview = await this.build(pool);
      const floor = this.floors.get(id) ?? 0;
      if (overview.version >= floor) return overview;
      if (attempt >= MAX_BUILD_ATTEMPTS) {
        // The database is the truth: a version row behind an announced one (a restored backup) is accepted
        // rather than rebuilt forever.
        this.logger.warn(
          { project: tenant.key, version: overview.version, announced: floor },
          'schema version behind the announced one; using what the database has',
        );
        this.floors.set(id, overview.version);
        return overview;
      }
      await new Promise((resolve) => setTimeout(resolve, 25 * attempt));
    }
  }

  /** A lost message must not leave a copy stale forever: an old entry checks the version row, off the read path. */
  private revalidateIfOld(tenant: TenantContext, id: string, entry: Entry): void {
    if (this.revalidateAfterMs <= 0 || entry.version === null || entry.checking) return;
    if (Date.now() - entry.checkedAt < this.revalidateAfterMs) return;
    entry.checking = true;
    void this.readVersion(tenant).then((current) => {
      entry.checking = false;
      entry.checkedAt = Date.now();
      if (current === null || current === entry.version || this.entries.peek(id) !== entry) return;
      this.logger.debug({ project: tenant.key, cached: entry.version, current }, 'stale schema dropped');
      this.apply(id, current > (entry.version ?? 0) ? current : null);
    });
  }

  private async readVersion(tenant: TenantContext): Promise<number | null> {
    try {
      const pool = await tenant.pool();
      const { rows } = await pool.query<{ version: string }>(VERSION_SQL);
      return rows.length > 0 ? Number(rows[0].version) : null;
    } catch (error) {
      this.logger.warn(
        { project: tenant.key, err: { message: (error as Error).message } },
        'schema version unreadable',
      );
      return null;
    }
  }
}
