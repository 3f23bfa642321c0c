import { Injectable } from '@nestjs/common';
import type { Accountability } from '@atrium/auth';
import { invalidPayload, isPlainObject } from '@atrium/core';
import type { ProjectEntity, TenantContext } from '@atrium/tenancy';
import type { ClientBase } from 'pg';
import { SchemaCache } from '../cache/schema-cache';
import type { SchemaSnapshot } from '../snapshot/snapshot-types';

import { SchemaService } from './schema.service';
import { beginSchemaChange } from './schema-transaction';
import { translateSchemaError } from './schema-errors';
import { parseSnapshot } from './snapshot-input';
import { readTemplateFile } from './template-files';

/** A step of provisioning, run on the new project's database before the project becomes active. */
export type ProjectPreparer = (client: ClientBase, project: string) => Promise<void>;

/** The platform itself acting in a project it is provisioning. */
const PROVISIONING: Accountability = {
  user: null,
  role: null,
  roles: [],
  admin: true,
  app: true,
  session: null,
  ip: null,
  userAgent: null,
  origin: null,
  superAdmin: true,
};

/** `template` of `POST /server/projects`: a name under tenants/templates or a snapshot object. */
@Injectable()
export class ProjectTemplates {
  constructor(
    private readonly schema: SchemaService,
    private readonly cache: SchemaCache,
  ) {}

  /** The snapshot `template` stands for, null when none was asked; 400 for anything else. */
  resolve(template: unknown): SchemaSnapshot | null {
    if (template === undefined || template === null) return null;
    // Templates are Atrium's own files or a snapshot from any version: the version check doesn't apply.
    if (typeof template === 'string') return parseSnapshot(readTemplateFile(template), true);
    if (isPlainObject(template)) return parseSnapshot(template, true);
    throw invalidPayload('"template" must be a template name or a snapshot object.', { field: 'template' });
  }

  /** The provisioning step applying `template` in one transaction, or undefined when there is none. */
  preparer(template: unknown): ProjectPreparer | undefined {
    const snapshot = this.resolve(template);
    if (snapshot === null) return undefined;
    return async (client, project) => {
      // Only `bump` sees this context and it is given the client: the project has no pool yet.
      const tenant: TenantContext = {
        key: project,
        project: { key: project } as ProjectEntity,
        pool: () => Promise.reject(new Error('no pool while provisioning')),
      };
      await client.query('BEGIN');
      try {
        await beginSchemaChange(client);
        await this.cache.bump(tenant, client);
        await this.schema.applySnapshotIn({ tenant, accountability: PROVISIONING }, { client }, snapshot);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw translateSchemaError(error);
      }
    };
  }
}
