import type { Pool } from 'pg';
import type { ProjectEntity } from '../registry/project.entity';

/** What a request under `/:project` knows about its project. The pool opens only when first asked for. */
export interface TenantContext {
  key: string;
  project: ProjectEntity;
  pool(): Promise<Pool>;
}

declare module 'fastify' {
  interface FastifyRequest {
    tenant?: TenantContext;
  }
}
