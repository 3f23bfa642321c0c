import { Injectable } from '@nestjs/common';
import { isPlainObject } from '@atrium/core';
import { ItemsWriter } from '@atrium/items';
import type { RequestContext } from '@atrium/permissions';
import { ScimError } from './scim-error';
import { patchOperations, scimBoolean } from './scim-patch';
import { filterSql, scimPage, type ScimColumn } from './scim-query';
import { SCHEMA } from './scim-schemas';

interface UserRow {
  id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  status: string;
  external_identifier: string | null;
  role: string | null;
  role_name: string | null;
}

const USERS = 'directus_users';
const SELECT = `SELECT u.id, u.email, u.first_name, u.last_name, u.status, u.external_identifier, u.role,
  r.name AS role_name FROM directus_users u LEFT JOIN directus_roles r ON r.id = u.role`;
const COLUMNS: Record<string, ScimColumn> = {
  id: { sql: 'u.id::text', caseExact: true },
  userName: { sql: 'u.email' },
  emails: { sql: 'u.email' },
  'emails.value': { sql: 'u.email' },
  externalId: { sql: 'u.external_identifier', caseExact: true },
  'name.givenName': { sql: 'u.first_name' },
  'name.familyName': { sql: 'u.last_name' },
  displayName: { sql: "concat_ws(' ', u.first_name, u.last_name)" },
  active: { sql: 'u.status', boolean: (active) => (active ? "u.status = 'active'" : "u.status <> 'active'") },
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What SCIM may change of a user, in the user's own fields. */
interface UserChanges {
  email?: string;
  first_name?: string | null;
  last_name?: string | null;
  status?: string;
  external_identifier?: string | null;
  password?: string;
}

const text = (value: unknown, name: string): string | null => {
  if (value === null) return null;
  if (typeof value !== 'string') throw new ScimError(400, `"${name}" has to be a string.`, 'invalidValue');
  return value;
};

/** The address a resource names: `userName`, else its primary (or first) e-mail. */
function emailOf(resource: Record<string, unknown>): string | undefined {
  if (typeof resource.userName === 'string') return resource.userName;
  if (Array.isArray(resource.emails)) {
    const emails = resource.emails.filter(isPlainObject);
    const chosen = emails.find((email) => email.primary === true) ?? emails[0];
    if (typeof chosen?.value === 'string') return chosen.value;
  }
  return undefined;
}

/** A whole User resource (POST, PUT) as the user's fields. */
function changesOf(resource: unknown, creating: boolean): UserChanges {
  if (!isPlainObject(resource))
    throw new ScimError(400, 'The body has to be a User resource.', 'invalidSyntax');
  const email = emailOf(resource);
  if (!email) throw new ScimError(400, '"userName" is required.', 'invalidValue');
  const name = isPlainObject(resource.name) ? resource.name : {};
  const changes: UserChanges = {
    email,
    first_name: name.givenName === undefined ? null : text(name.givenName, 'name.givenName'),
    last_name: name.familyName === undefined ? null : text(name.familyName, 'name.familyName'),
    status: resource.active === undefined || scimBoolean(resource.active, 'active') ? 'active' : 'suspended',
    external_identifier: resource.externalId === undefined ? null : text(resource.externalId, 'externalId'),
  };
  if (resource.password !== undefined) changes.password = text(resource.password, 'password') ?? undefined;
  if (!creating && resource.active === undefined) delete changes.status;
  return changes;
}

/** One path of a User PATCH, applied to the changes (attribute names are case-insensitive). */
function applyPath(changes: UserChanges, path: string, value: unknown, remove: boolean): void {
  const key = path.toLowerCase();
  const set = (field: keyof UserChanges, given: unknown, name: string) => {
    (changes as Record<string, unknown>)[field] = remove ? null : text(given, name);
  };
  if (key === 'username' || key === 'emails' || key.startsWith('emails[') || key === 'emails.value') {
    if (remove) throw new ScimError(400, 'A user keeps its userName.', 'mutability');
    const email = key === 'emails' && Array.isArray(value) ? emailOf({ emails: value }) : value;
    set('email', email, 'userName');
  } else if (key === 'active') {
    if (remove) throw new ScimError(400, '"active" cannot be removed; replace it with false.', 'mutability');
    changes.status = scimBoolean(value, 'active') ? 'active' : 'suspended';
  } else if (key === 'externalid') set('external_identifier', value, 'externalId');
  else if (key === 'name.givenname') set('first_name', value, 'name.givenName');
  else if (key === 'name.familyname') set('last_name', value, 'name.familyName');
  else if (key === 'name') {
    if (remove || !isPlainObject(value)) {
      changes.first_name = null;
      changes.last_name = null;
      if (!remove) throw new ScimError(400, '"name" has to be an object.', 'invalidValue');
      return;
    }
    if (value.givenName !== undefined) set('first_name', value.givenName, 'name.givenName');
    if (value.familyName !== undefined) set('last_name', value.familyName, 'name.familyName');
  } else if (key === 'password') {
    if (remove) throw new ScimError(400, 'A password can be replaced, not removed.', 'mutability');
    changes.password = text(value, 'password') ?? undefined;
  } else if (key === 'displayname' || key === 'groups' || key === 'id') {
    throw new ScimError(
      400,
      `"${path}" is read-only here (groups are changed through /Groups).`,
      'mutability',
    );
  } else {
    throw new ScimError(400, `"${path}" is not an attribute Atrium maps.`, 'invalidPath');
  }
}

/**
 * `/scim/v2/Users` over `directus_users`: userName is the e-mail address, active is `status` (`active` or
 * `suspended`), externalId is `external_identifier`, groups are the user's role. Writes go through the items
 * engine as the calling admin, so they are validated, audited and invalidate cached identities like any other.
 */
@Injectable()
export class ScimUsers {
  constructor(private readonly writer: ItemsWriter) {}

  resource(row: UserRow, base: string) {
    const name = [row.first_name, row.last_name].filter(Boolean).join(' ');
    return {
      schemas: [SCHEMA.user],
      id: row.id,
      ...(row.external_identifier ? { externalId: row.external_identifier } : {}),
      userName: row.email ?? '',
      name: {
        givenName: row.first_name ?? undefined,
        familyName: row.last_name ?? undefined,
        ...(name ? { formatted: name } : {}),
      },
      ...(name ? { displayName: name } : {}),
      emails: row.email ? [{ value: row.email, type: 'work', primary: true }] : [],
      active: row.status === 'active',
      groups: row.role
        ? [{ value: row.role, display: row.role_name ?? undefined, $ref: `${base}/Groups/${row.role}` }]
        : [],
      meta: { resourceType: 'User', location: `${base}/Users/${row.id}` },
    };
  }

  async list(context: RequestContext, query: Record<string, unknown>, base: string) {
    const page = scimPage(query);
    const { where, values } = filterSql(query.filter, COLUMNS);
    const pool = await context.tenant.pool();
    const [{ rows: count }, { rows }] = await Promise.all([
      pool.query<{ n: string }>(`SELECT count(*) AS n FROM directus_users u WHERE ${where}`, values),
      page.limit === 0
        ? Promise.resolve({ rows: [] as UserRow[] })
        : pool.query<UserRow>(
            `${SELECT} WHERE ${where} ORDER BY u.email, u.id LIMIT ${page.limit} OFFSET ${page.offset}`,
            values,
          ),
    ]);
    return {
      schemas: [SCHEMA.list],
      totalResults: Number(count[0].n),
      startIndex: page.startIndex,
      itemsPerPage: rows.length,
      Resources: rows.map((row) => this.resource(row, base)),
    };
  }

  async read(context: RequestContext, id: string, base: string) {
    if (!UUID.test(id)) throw new ScimError(404, `User ${id} not found.`);
    const { rows } = await (await context.tenant.pool()).query<UserRow>(`${SELECT} WHERE u.id = $1`, [id]);
    if (!rows[0]) throw new ScimError(404, `User ${id} not found.`);
    return this.resource(rows[0], base);
  }

  async create(context: RequestContext, body: unknown, base: string) {
    const created = await this.writer.create(
      context,
      USERS,
      changesOf(body, true),
      { fields: 'id' },
      'system',
    );
    const id = (JSON.parse(created ?? '{}') as { data?: { id?: string } }).data?.id;
    if (!id) throw new ScimError(500, 'The user was created but could not be read back.');
    return this.read(context, id, base);
  }

  async replace(context: RequestContext, id: string, body: unknown, base: string) {
    await this.read(context, id, base);
    await this.writer.updateOne(context, USERS, id, changesOf(body, false), {}, 'system');
    return this.read(context, id, base);
  }

  async patch(context: RequestContext, id: string, body: unknown, base: string) {
    await this.read(context, id, base);
    const changes: UserChanges = {};
    for (const operation of patchOperations(body)) {
      if (operation.path !== undefined) {
        applyPath(changes, operation.path, operation.value, operation.op === 'remove');
      } else if (isPlainObject(operation.value)) {
        for (const [path, value] of Object.entries(operation.value)) applyPath(changes, path, value, false);
      } else {
        throw new ScimError(400, 'An operation without a path has an object value.', 'invalidValue');
      }
    }
    if (Object.keys(changes).length > 0)
      await this.writer.updateOne(context, USERS, id, changes, {}, 'system');
    return this.read(context, id, base);
  }

  async remove(context: RequestContext, id: string, base: string): Promise<void> {
    await this.read(context, id, base);
    await this.writer.deleteOne(context, USERS, id, 'system');
  }
}
