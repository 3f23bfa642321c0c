import type { MigrationInterface } from 'typeorm';
import { CreateProjects1763900000001 } from './1763900000001-create-projects';
import { AddProjectCorsOrigins1764600000001 } from './1764600000001-add-project-cors-origins';
import { AllowFifoQuota1796100000001 } from './1796100000001-allow-fifo-quota';
import { ProjectStats1796200000001 } from './1796200000001-project-stats';
import { ProjectRateLimit1798000000001 } from './1798000000001-project-rate-limit';
import { ProjectBackups1798000000002 } from './1798000000002-project-backups';
import { JobOutbox1798000000003 } from './1798000000003-job-outbox';
import { BackupHeartbeat1798000000004 } from './1798000000004-backup-heartbeat';
import { BackupArchiveLocation1798000000005 } from './1798000000005-backup-archive-location';

/** Migrations of the platform database, in order. Append new ones at the end. */
export const PLATFORM_MIGRATIONS: Array<new () => MigrationInterface> = [
  CreateProjects1763900000001,
  AddProjectCorsOrigins1764600000001,
  AllowFifoQuota1796100000001,
  ProjectStats1796200000001,
  ProjectRateLimit1798000000001,
  ProjectBackups1798000000002,
  JobOutbox1798000000003,
  BackupHeartbeat1798000000004,
  BackupArchiveLocation1798000000005,
];
