import type { RateLimit } from '../rate-limit/sliding-window';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type ProjectStatus = 'provisioning' | 'active' | 'suspended';
/** NONE: no limit. HARD: writes that would pass the size are refused. FIFO: cached variants make room. */
export type QuotaType = 'NONE' | 'HARD' | 'FIFO';

/** A row of the platform registry: where a project lives and how to reach it. */
@Entity({ name: 'atrium_projects' })
export class ProjectEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  key!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ProjectStatus;

  /** Name of the tenant database server (TENANT_DB_SERVERS), never its credentials. */
  @Column({ name: 'db_server', type: 'varchar', length: 31 })
  dbServer!: string;

  @Column({ name: 'db_name', type: 'varchar', length: 63 })
  dbName!: string;

  /** The project's JWT secret, sealed with the platform SECRET. */
  @Column({ name: 'jwt_secret', type: 'text' })
  jwtSecret!: string;

  @Column({ name: 'quota_type', type: 'varchar', length: 8, default: 'NONE' })
  quotaType!: QuotaType;

  /** Bytes; null when the quota type is NONE. */
  @Column({ name: 'quota_size', type: 'bigint', nullable: true })
  quotaSize!: string | null;

  /** Name of the last tenant migration applied to the project's database. */
  @Column({ name: 'tenant_migration', type: 'varchar', length: 255, nullable: true })
  tenantMigration!: string | null;

  /**
   * Origins (`https://app.example.com`, `/pattern/`) browsers may call `/<project>/…` from, in place of the
   * platform's `CORS_ORIGIN`; null when the platform's settings apply.
   */
  @Column({ name: 'cors_origins', type: 'jsonb', nullable: true })
  corsOrigins!: string[] | null;

  /** Requests per window for `/<project>/…`; null when the platform's `PROJECT_RATE_LIMIT_*` apply. */
  @Column({ name: 'rate_limit', type: 'jsonb', nullable: true })
  rateLimit!: RateLimit | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
