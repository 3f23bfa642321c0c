import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, LoadingCache, recordNotUnique } from '@atrium/core';
import { InvalidationBus } from '@atrium/redis';
import { DataSource, Repository } from 'typeorm';
import { ProjectEntity } from './project.entity';

export const PLATFORM_DATA_SOURCE = Symbol('PLATFORM_DATA_SOURCE');
const TOPIC = 'registry';

/** Keys remembered; the request path asks for a handful, a flood of made-up keys must not grow it. */
const MAX_CACHED_KEYS = 10_000;

/** A lookup's answer, boxed so that "no such project" is cached too. */
interface Lookup {
  row: ProjectEntity | null;
}

/**
 * The project registry in the platform database, with a short-lived cache for the request path. Concurrent
 * lookups of one key share a single query; changes invalidate every instance through the bus.
 */
@Injectable()
export class ProjectRegistry {
  private readonly repository: Repository<ProjectEntity>;
  private readonly cache: LoadingCache<string, Lookup>;

  constructor(
    @Inject(PLATFORM_DATA_SOURCE) dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly bus: InvalidationBus,
  ) {
    this.repository = dataSource.getRepository(ProjectEntity);
    this.cache = new LoadingCache({
      max: MAX_CACHED_KEYS,
      ttlMs: config.registryCacheTtlMs,
      load: async (key) => ({ row: await this.repository.findOneBy({ key }) }),
    });
    bus.on(TOPIC, (key) => this.cache.delete(key));
  }

  /** The project as the request path sees it (cached briefly; unknown keys are cached too, failures not). */
  async find(key: string): Promise<ProjectEntity | null> {
    return (await this.cache.get(key, undefined)).row;
  }

  /** Reads the row from the database, bypassing the cache. */
  findFresh(key: string): Promise<ProjectEntity | null> {
    return this.repository.findOneBy({ key });
  }

  list(): Promise<ProjectEntity[]> {
    return this.repository.find({ order: { createdAt: 'ASC', key: 'ASC' } });
  }

  /**
   * Claims a key for a project being provisioned (one INSERT: the provisioner reads the row back once it is
   * active). A taken key answers RECORD_NOT_UNIQUE.
   */
  async claim(project: Omit<ProjectEntity, 'createdAt' | 'updatedAt'>): Promise<void> {
    try {
      await this.repository.insert(project);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw recordNotUnique('projects', 'project');
      throw error;
    }
  }

  async update(
    key: string,
    patch: Partial<Omit<ProjectEntity, 'key' | 'createdAt' | 'updatedAt'>>,
  ): Promise<void> {
    await this.repository.update({ key }, patch);
    await this.invalidate(key);
  }

  async remove(key: string): Promise<void> {
    await this.repository.delete({ key });
    await this.invalidate(key);
  }

  /** Number of projects on each server, for placing a new project on the least-loaded one. */
  async countByServer(): Promise<Map<string, number>> {
    const rows: Array<{ server: string; count: string }> = await this.repository
      .createQueryBuilder('p')
      .select('p.db_server', 'server')
      .addSelect('count(*)', 'count')
      .groupBy('p.db_server')
      .getRawMany();
    return new Map(rows.map((row) => [row.server, Number(row.count)]));
  }

  invalidate(key: string): Promise<void> {
    this.cache.delete(key);
    return this.bus.publish(TOPIC, key);
  }
}
