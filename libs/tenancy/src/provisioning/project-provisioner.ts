import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, hashPassword, invalidPayload, parseCorsOrigins } from '@atrium/core';
import { InvalidationBus } from '@atrium/redis';
import { Client } from 'pg';
import { failQueriesOnServerLoss } from '../database/pg-connection';
import { quoteIdent } from '../database/quote-ident';
import { latestTenantMigrationName } from '../migrations';
import { ProjectEntity, QuotaType } from '../registry/project.entity';
import type { RateLimit } from '../rate-limit/sliding-window';
import { ProjectRegistry } from '../registry/project-registry';
import { DbServers } from '../servers/db-servers';
import { POOL_EVICT_TOPIC } from '../connections/pool-evict-topic';
import { ProjectCleanups } from './project-cleanups';
import { projectKeyProblem } from './project-key';
import { generateProjectSecret, SecretBox } from './secret-box';
import { ProjectStatsStore } from '../stats/project-stats-store';
import { measureProject } from '../stats/project-stats';
import { seedProject } from './seed-project';
import { SpareDatabases } from './spare-databases';
import { TemplateDatabases } from './template-database';

export interface ProvisionInput {
  project: string;
  name?: string;
  adminEmail: string;
  adminPassword: string;
  quota?: { type: QuotaType; size?: number | null };
  /** The project's own browser origins; null or absent: the platform's `CORS_*` settings. */
  corsOrigins?: string[] | null;
  /** The project's request limit; null or absent: the platform's default. */
  rateLimit?: RateLimit | null;
  /**
   * Runs on the new database after seeding and before the project becomes active (a schema template);
   * a failure rolls provisioning back like any other.
   */
  prepare?: (client: Client, project: string) => Promise<void>;
  /**
   * Copy this project's database instead of making a new one (`CREATE DATABASE … TEMPLATE`, on its server):
   * nothing is seeded, the copy holds the source's users and content.
   */
  cloneFrom?: ProjectEntity;
}

export interface ProjectPatch {
  name?: string;
  status?: 'active' | 'suspended';
  quota?: { type: QuotaType; size?: number | null };
  corsOrigins?: string[] | null;
  rateLimit?: RateLimit | null;
}

/** Stores only lists whose every entry a browser origin can match; the message names the bad ones. */
function checkedCorsOrigins(origins: string[] | null | undefined): string[] | null {
  if (origins === undefined || origins === null) return null;
  const { problems } = parseCorsOrigins(origins);
  if (problems.length > 0)
    throw invalidPayload(`"cors_origins": ${problems.join('; ')}.`, { field: 'cors_origins' });
  return origins;
}

function quotaColumns(quota: ProvisionInput['quota']): Pick<ProjectEntity, 'quotaType' | 'quotaSize'> {
  if (!quota || quota.type === 'NONE') return { quotaType: 'NONE', quotaSize: null };
  if (quota.size === undefined || quota.size === null)
    throw invalidPayload(`"quota.size" is required for a ${quota.type} quota.`);
  return { quotaType: quota.type, quotaSize: String(quota.size) };
}

/**
 * Creates, changes and deletes projects (DESIGN §2, §4). Provisioning either completes or leaves nothing:
 * no registry row, no database.
 */
@Injectable()
export class ProjectProvisioner {
  private readonly logger = new Logger(ProjectProvisioner.name);
  private readonly secrets: SecretBox;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: ProjectRegistry,
    private readonly servers: DbServers,
    private readonly templates: TemplateDatabases,
    private readonly spares: SpareDatabases,
    private readonly stats: ProjectStatsStore,
    private readonly cleanups: ProjectCleanups,
    private readonly bus: InvalidationBus,
  ) {
    this.secrets = new SecretBox(config.secret);
  }

  async provision(input: ProvisionInput): Promise<ProjectEntity> {
    const problem = projectKeyProblem(input.project);
    if (problem) throw invalidPayload(problem, { field: 'project' });
    const started = Date.now();
    // Argon2 runs on libuv's threads: it hashes while the registry and the database steps wait on PostgreSQL.
    const hashing = hashPassword(input.adminPassword);
    hashing.catch(() => undefined); // awaited below; a failure before then must not go unhandled
    const server = input.cloneFrom
      ? { name: input.cloneFrom.dbServer }
      : await this.servers.leastLoaded(() => this.registry.countByServer());
    const dbName = `${this.config.tenantDbPrefix}${input.project}`;

    // The claimed key is this request's lock on the project: nothing below waits on another provisioning.
    await this.registry.claim({
      key: input.project,
      name: input.name ?? input.project,
      status: 'provisioning',
      dbServer: server.name,
      dbName,
      jwtSecret: this.secrets.seal(generateProjectSecret()),
      ...quotaColumns(input.quota),
      corsOrigins: checkedCorsOrigins(input.corsOrigins),
      rateLimit: input.rateLimit ?? null,
      tenantMigration: null,
    });

    let createdDatabase = false;
    // The spares are topped up once this (and every other running) provisioning has ended.
    const provisioned = this.spares.hold(server.name);
    try {
      if (input.cloneFrom) await this.cloneDatabase(input.cloneFrom, dbName);
      else await this.createDatabase(server.name, dbName);
      createdDatabase = true;
      const stats = await this.withClient(this.servers.tenantUrl(server.name, dbName), async (client) => {
        if (!input.cloneFrom) {
          await seedProject(client, {
            name: input.name ?? input.project,
            adminEmail: input.adminEmail,
            adminPasswordHash: await hashing,
          });
        }
        if (input.prepare) await input.prepare(client, input.project);
        // The first figures, on the connection already open: lists show them until the background refresh.
        return measureProject(client);
      });
      await Promise.all([
        this.stats.save(input.project, stats),
        this.registry.update(input.project, {
          status: 'active',
          tenantMigration: latestTenantMigrationName(),
        }),
      ]);
    } catch (error) {
      await this.rollback(input.project, server.name, createdDatabase ? dbName : null);
      throw error;
    } finally {
      provisioned();
    }
    this.logger.log(
      { project: input.project, server: server.name, ms: Date.now() - started },
      'project provisioned',
    );
    return (await this.registry.findFresh(input.project)) as ProjectEntity;
  }

  async update(project: ProjectEntity, patch: ProjectPatch): Promise<ProjectEntity> {
    await this.registry.update(project.key, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      ...(patch.quota !== undefined ? quotaColumns(patch.quota) : {}),
      ...(patch.corsOrigins !== undefined ? { corsOrigins: checkedCorsOrigins(patch.corsOrigins) } : {}),
      ...(patch.rateLimit !== undefined ? { rateLimit: patch.rateLimit } : {}),
    });
    // A suspended project keeps no connections open on any instance.
    if (patch.status === 'suspended') await this.bus.publish(POOL_EVICT_TOPIC, project.key);
    return (await this.registry.findFresh(project.key)) as ProjectEntity;
  }

  /** Drops the project's database and forgets it everywhere: registry, pools, caches, files, queued jobs. */
  async delete(project: ProjectEntity): Promise<void> {
    await this.registry.update(project.key, { status: 'suspended' });
    await this.bus.publish(POOL_EVICT_TOPIC, project.key);
    await this.dropDatabase(project.dbServer, project.dbName);
    await this.registry.remove(project.key);
    await this.cleanups.run(project);
    this.logger.log({ project: project.key }, 'project deleted');
  }

  /**
   * A copy of a live project's database. PostgreSQL copies a template only while nobody is connected to it,
   * so the source is suspended for the copy (its requests answer 503 for those seconds) and every instance
   * closes its pool; the copy is retried while the last connections drain.
   */
  private async cloneDatabase(source: ProjectEntity, dbName: string): Promise<void> {
    await this.registry.update(source.key, { status: 'suspended' });
    try {
      await this.bus.publish(POOL_EVICT_TOPIC, source.key);
      const deadline = Date.now() + 15_000;
      for (;;) {
        try {
          await this.servers
            .adminPool(source.dbServer)
            .query(`CREATE DATABASE ${quoteIdent(dbName)} TEMPLATE ${quoteIdent(source.dbName)}`);
          return;
        } catch (error) {
          // 55006: the source is still being accessed by other users.
          if ((error as { code?: string }).code !== '55006' || Date.now() > deadline) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    } finally {
      await this.registry.update(source.key, { status: source.status });
    }
  }

  /** The project's database: a spare renamed (`SpareDatabases`), else a copy of the template made now. */
  private async createDatabase(serverName: string, dbName: string): Promise<void> {
    try {
      if (await this.spares.claim(serverName, dbName)) return;
      const template = await this.templates.ensure(serverName);
      await this.servers
        .adminPool(serverName)
        .query(`CREATE DATABASE ${quoteIdent(dbName)} TEMPLATE ${quoteIdent(template)}`);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === '42P04') {
        // Not ours to drop: it may belong to another platform sharing this server and prefix.
        throw invalidPayload(`A database named "${dbName}" already exists on the server.`, {
          field: 'project',
        });
      }
      if (code === '3D000') this.templates.reset(serverName); // the template vanished: rebuild next time
      throw error;
    }
  }

  private async withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({
      connectionString: url,
      connectionTimeoutMillis: this.config.tenantPool.connectTimeoutMs,
    });
    failQueriesOnServerLoss(client);
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  private async dropDatabase(serverName: string, dbName: string): Promise<void> {
    await this.servers
      .adminPool(serverName)
      .query(`DROP DATABASE IF EXISTS ${quoteIdent(dbName)} WITH (FORCE)`);
  }

  private async rollback(key: string, serverName: string, dbName: string | null): Promise<void> {
    try {
      if (dbName) await this.dropDatabase(serverName, dbName);
      await this.registry.remove(key);
    } catch (error) {
      this.logger.error(
        { project: key, err: { message: (error as Error).message } },
        'rollback of a failed provision failed',
      );
    }
  }
}
