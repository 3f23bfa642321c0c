import type { OpenAPIObject } from '@nestjs/swagger';
import type { PermittedAction, PermittedFields } from '@atrium/permissions';
import type { SchemaOverview } from '@atrium/schema';
import { collectionPaths, itemSchema } from './collection-paths';
import { itemsComponent } from './field-schema';
import type { Json, PathItem, PathsObject } from './openapi-types';
import { QUERY_PARAMETERS } from './query-parameters';

/** The system routes that are a collection's items: each operation is there only if its action is allowed. */
const SYSTEM_ROUTES: Record<string, string> = {
  users: 'directus_users',
  roles: 'directus_roles',
  policies: 'directus_policies',
  access: 'directus_access',
  permissions: 'directus_permissions',
  activity: 'directus_activity',
  revisions: 'directus_revisions',
  comments: 'directus_comments',
  folders: 'directus_folders',
  presets: 'directus_presets',
  files: 'directus_files',
  settings: 'directus_settings',
};
const ACTION_OF: Record<string, PermittedAction> = {
  get: 'read',
  head: 'read',
  post: 'create',
  patch: 'update',
  delete: 'delete',
};
/** Operations OpenAPI 3.0 knows; Atrium's `SEARCH` routes are described on their `GET` twins instead. */
const OPENAPI_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const GENERIC_ITEM_PATHS = new Set(['/items/{collection}', '/items/{collection}/{id}']);

const ERROR_ENVELOPE = {
  type: 'object',
  properties: {
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          message: { type: 'string' },
          extensions: { type: 'object', properties: { code: { type: 'string' } }, required: ['code'] },
        },
      },
    },
  },
};
const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Errors' } } },
});

/** A template path as this caller may use it: system collection routes keep only the allowed operations. */
function systemPath(
  route: string,
  item: PathItem,
  permitted: PermittedFields,
  admin: boolean,
): PathItem | null {
  const collection = /^\/([a-z]+)(\/\{id\})?$/.exec(route)?.[1];
  const system = collection === undefined ? undefined : SYSTEM_ROUTES[collection];
  const kept: Json = {};
  for (const [key, value] of Object.entries(item)) {
    if (key === 'parameters' || key === 'summary' || key === 'description') {
      kept[key] = value;
      continue;
    }
    if (!OPENAPI_METHODS.has(key)) continue;
    const action = ACTION_OF[key];
    if (system && action && !admin && !permitted[action].has(system)) continue;
    kept[key] = value;
  }
  return Object.keys(kept).some((key) => OPENAPI_METHODS.has(key)) ? (kept as PathItem) : null;
}

/**
 * A project's OpenAPI document for one caller: the routes of the template (auth, server, schema, system
 * collections as far as its permissions reach) and, for each collection it may use, a path family with the
 * item schema of the fields it may read and request bodies of the fields it may write.
 */
export function projectDocument(
  template: OpenAPIObject,
  overview: SchemaOverview,
  permitted: PermittedFields,
  admin: boolean,
): OpenAPIObject {
  const paths: PathsObject = {};
  for (const [route, item] of Object.entries(template.paths)) {
    if (GENERIC_ITEM_PATHS.has(route)) continue;
    const kept = systemPath(route, item, permitted, admin);
    if (kept) paths[route] = kept;
  }
  const readable = new Set(permitted.read.keys());
  const schemas: Json = { Errors: ERROR_ENVELOPE };
  const tags: Array<{ name: string; description?: string }> = [];
  const names = new Set([
    ...permitted.read.keys(),
    ...permitted.create.keys(),
    ...permitted.update.keys(),
    ...permitted.delete.keys(),
  ]);
  for (const name of [...names].sort()) {
    const collection = overview.collections[name];
    if (!collection || collection.system || name.startsWith('directus_')) continue;
    const component = itemsComponent(name);
    schemas[component] = itemSchema(overview, collection, permitted.read.get(name) ?? [], readable);
    Object.assign(paths, collectionPaths(overview, collection, permitted, readable));
    tags.push({ name: component, ...(collection.meta?.note ? { description: collection.meta.note } : {}) });
  }
  // Related collections the caller reads but that are system ones (`directus_users` as an author) are named
  // by relations: give them an item schema too, so every reference resolves.
  for (const name of readable) {
    const component = itemsComponent(name);
    const collection = overview.collections[name];
    if (schemas[component] || !collection) continue;
    schemas[component] = itemSchema(overview, collection, permitted.read.get(name) ?? [], readable);
  }
  return {
    ...template,
    tags: [...(template.tags ?? []), ...tags],
    paths,
    components: {
      ...template.components,
      schemas: { ...template.components?.schemas, ...schemas },
      parameters: { ...template.components?.parameters, ...QUERY_PARAMETERS },
      responses: {
        ...template.components?.responses,
        BadRequest: errorResponse('The request is not valid (`INVALID_PAYLOAD`, `INVALID_QUERY`, …).'),
        Unauthorized: errorResponse(
          'Missing, wrong or expired credentials (`INVALID_CREDENTIALS`, `TOKEN_EXPIRED`).',
        ),
        Forbidden: errorResponse('Not permitted, or no such item (`FORBIDDEN`).'),
      },
    },
  } as OpenAPIObject;
}
