import type { GraphQLSchema } from 'graphql';
import { printSchema } from 'graphql';
import { objectId } from '@atrium/core';
import {
  permittedFields,
  permittedKey,
  type PermittedFields,
  type RequestPermissions,
} from '@atrium/permissions';
import type { SchemaOverview } from '@atrium/schema';
import { LRUCache } from 'lru-cache';
import type { GraphqlScope } from '../execute/graphql-context';
import { buildGraphqlSchema } from './build-schema';

/** Generated schemas kept: one per (project instance and version, scope, permitted view) in use. */
const MAX_SCHEMAS = 200;

interface Permitted {
  fields: PermittedFields;
  key: string;
}

/**
 * Generated schemas by (schema snapshot, scope, what the caller may see), so a request repeats no
 * generation. A snapshot is one project instance at one schema version: a schema change or another project
 * never reaches an entry, and a change of permissions changes the permitted view, hence the key. Callers
 * whose permissions show the same collections and fields share one schema; row filters don't change a
 * schema, the items engine applies them when it runs.
 */
export class GraphqlSchemas {
  private readonly schemas = new LRUCache<string, { schema: GraphQLSchema; sdl?: string }>({
    max: MAX_SCHEMAS,
  });
  /** A permission set shared by every request of its subject is viewed once. */
  private readonly views = new WeakMap<RequestPermissions, Permitted>();

  schemaFor(overview: SchemaOverview, permissions: RequestPermissions, scope: GraphqlScope): GraphQLSchema {
    return this.entry(overview, permissions, scope).schema;
  }

  /** The schema as SDL text, for `/server/specs/graphql`. */
  sdlFor(overview: SchemaOverview, permissions: RequestPermissions, scope: GraphqlScope): string {
    const entry = this.entry(overview, permissions, scope);
    entry.sdl ??= printSchema(entry.schema);
    return entry.sdl;
  }

  get size(): number {
    return this.schemas.size;
  }

  private entry(overview: SchemaOverview, permissions: RequestPermissions, scope: GraphqlScope) {
    // An admin sees everything: one key, and its view is only worked out when its schema is built.
    const permitted = permissions.admin ? null : this.permitted(overview, permissions);
    const key = `${objectId(overview)}:${scope}:${permitted?.key ?? 'admin'}`;
    let entry = this.schemas.get(key);
    if (!entry) {
      const fields = permitted?.fields ?? permittedFields(overview, permissions);
      entry = { schema: buildGraphqlSchema(overview, fields, scope) };
      this.schemas.set(key, entry);
    }
    return entry;
  }

  private permitted(overview: SchemaOverview, permissions: RequestPermissions): Permitted {
    const kept = permissions.shared ? this.views.get(permissions) : undefined;
    if (kept) return kept;
    const fields = permittedFields(overview, permissions);
    const view = { fields, key: permittedKey(fields) };
    if (permissions.shared) this.views.set(permissions, view);
    return view;
  }
}
