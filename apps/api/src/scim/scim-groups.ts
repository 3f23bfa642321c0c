import { Injectable } from '@nestjs/common';
import { isPlainObject } from '@atrium/core';
import { ItemsWriter } from '@atrium/items';
import type { RequestContext } from '@atrium/permissions';
import { ScimError } from './scim-error';
import { patchOperations } from './scim-patch';
import { filterSql, scimPage, type ScimColumn } from './scim-query';
import { SCHEMA } from './scim-schemas';

interface RoleRow {
  id: string;
  name: string;
}

interface Member {
  id: string;
  email: string | null;
}

const ROLES = 'directus_roles';
const COLUMNS: Record<string, ScimColumn> = {
  id: { sql: 'r.id::text', caseExact: true },
  displayName: { sql: 'r.name' },
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MEMBER_FILTER = /^members\[\s*value\s+eq\s+"([^"]+)"\s*\]$/i;

/** The user ids of `[{value}]` (or one `{value}`), checked to be ids. */
function memberIds(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((entry) => {
    const id = isPlainObject(entry) ? entry.value : undefined;
    if (typeof id !== 'string' || !UUID.test(id)) {
      throw new ScimError(400, 'Members are given as [{"value": "<user id>"}].', 'invalidValue');
    }
    return id;
  });
}

function displayNameOf(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ScimError(400, '"displayName" is required.', 'invalidValue');
  }
  return value;
}

/**
 * `/scim/v2/Groups` over `directus_roles`: displayName is the role's name, members are the users whose role it
 * is (a user has one role, so adding a user to a group moves it from its previous one). Deleting a group
 * deletes the role; its users keep their accounts without a role.
 */
@Injectable()
export class ScimGroups {
  constructor(private readonly writer: ItemsWriter) {}

  private resource(row: RoleRow, members: Member[], base: string) {
    return {
      schemas: [SCHEMA.group],
      id: row.id,
      displayName: row.name,
      members: members.map((member) => ({
        value: member.id,
        display: member.email ?? undefined,
        $ref: `${base}/Users/${member.id}`,
      })),
      meta: { resourceType: 'Group', location: `${base}/Groups/${row.id}` },
    };
  }

  private async members(context: RequestContext, roles: string[]): Promise<Map<string, Member[]>> {
    const byRole = new Map<string, Member[]>(roles.map((role) => [role, []]));
    if (roles.length === 0) return byRole;
    const { rows } = await (
      await context.tenant.pool()
    ).query<Member & { role: string }>(
      'SELECT id, email, role FROM directus_users WHERE role = ANY($1::uuid[]) ORDER BY email, id',
      [roles],
    );
    for (const row of rows) byRole.get(row.role)?.push({ id: row.id, email: row.email });
    return byRole;
  }

  async list(context: RequestContext, query: Record<string, unknown>, base: string) {
    const page = scimPage(query);
    const { where, values } = filterSql(query.filter, COLUMNS);
    const pool = await context.tenant.pool();
    const [{ rows: count }, { rows }] = await Promise.all([
      pool.query<{ n: string }>(`SELECT count(*) AS n FROM directus_roles r WHERE ${where}`, values),
      page.limit === 0
        ? Promise.resolve({ rows: [] as RoleRow[] })
        : pool.query<RoleRow>(
            `SELECT r.id, r.name FROM directus_roles r WHERE ${where} ORDER BY r.name, r.id LIMIT ${page.limit} OFFSET ${page.offset}`,
            values,
          ),
    ]);
    const members = await this.members(
      context,
      rows.map((row) => row.id),
    );
    return {
      schemas: [SCHEMA.list],
      totalResults: Number(count[0].n),
      startIndex: page.startIndex,
      itemsPerPage: rows.length,
      Resources: rows.map((row) => this.resource(row, members.get(row.id) ?? [], base)),
    };
  }

  async read(context: RequestContext, id: string, base: string) {
    if (!UUID.test(id)) throw new ScimError(404, `Group ${id} not found.`);
    const { rows } = await (
      await context.tenant.pool()
    ).query<RoleRow>('SELECT id, name FROM directus_roles WHERE id = $1', [id]);
    if (!rows[0]) throw new ScimError(404, `Group ${id} not found.`);
    return this.resource(rows[0], (await this.members(context, [id])).get(id) ?? [], base);
  }

  async create(context: RequestContext, body: unknown, base: string) {
    if (!isPlainObject(body))
      throw new ScimError(400, 'The body has to be a Group resource.', 'invalidSyntax');
    const name = displayNameOf(body.displayName);
    const ids = body.members === undefined ? [] : memberIds(body.members);
    await this.assertUsers(context, ids);
    const created = await this.writer.create(context, ROLES, { name }, { fields: 'id' }, 'system');
    const id = (JSON.parse(created ?? '{}') as { data?: { id?: string } }).data?.id;
    if (!id) throw new ScimError(500, 'The group was created but could not be read back.');
    await this.setRole(context, ids, id);
    return this.read(context, id, base);
  }

  async replace(context: RequestContext, id: string, body: unknown, base: string) {
    const current = await this.read(context, id, base);
    if (!isPlainObject(body))
      throw new ScimError(400, 'The body has to be a Group resource.', 'invalidSyntax');
    const name = displayNameOf(body.displayName);
    const ids = body.members === undefined ? [] : memberIds(body.members);
    await this.assertUsers(context, ids);
    if (name !== current.displayName) await this.writer.updateOne(context, ROLES, id, { name }, {}, 'system');
    await this.setMembers(
      context,
      id,
      current.members.map((m) => m.value),
      ids,
    );
    return this.read(context, id, base);
  }

  async patch(context: RequestContext, id: string, body: unknown, base: string) {
    const current = await this.read(context, id, base);
    let members = current.members.map((member) => member.value);
    let name = current.displayName;
    for (const { op, path, value } of patchOperations(body)) {
      const target = path?.toLowerCase();
      const removal = path ? MEMBER_FILTER.exec(path) : null;
      if (target === undefined) {
        if (!isPlainObject(value))
          throw new ScimError(400, 'An operation without a path has an object value.', 'invalidValue');
        if (value.displayName !== undefined) name = displayNameOf(value.displayName);
        if (value.members !== undefined)
          members = op === 'add' ? [...members, ...memberIds(value.members)] : memberIds(value.members);
      } else if (target === 'displayname') {
        if (op === 'remove') throw new ScimError(400, 'A group keeps its displayName.', 'mutability');
        name = displayNameOf(value);
      } else if (target === 'members') {
        if (op === 'add') members = [...members, ...memberIds(value)];
        else if (op === 'replace') members = memberIds(value);
        else if (value === undefined) members = [];
        else {
          const gone = new Set(memberIds(value));
          members = members.filter((member) => !gone.has(member));
        }
      } else if (removal && op === 'remove') {
        members = members.filter((member) => member !== removal[1]);
      } else {
        throw new ScimError(400, `"${path}" is not an attribute Atrium maps.`, 'invalidPath');
      }
    }
    members = [...new Set(members)];
    await this.assertUsers(context, members);
    if (name !== current.displayName) await this.writer.updateOne(context, ROLES, id, { name }, {}, 'system');
    await this.setMembers(
      context,
      id,
      current.members.map((m) => m.value),
      members,
    );
    return this.read(context, id, base);
  }

  async remove(context: RequestContext, id: string, base: string): Promise<void> {
    await this.read(context, id, base);
    await this.writer.deleteOne(context, ROLES, id, 'system');
  }

  private async setMembers(context: RequestContext, role: string, before: string[], after: string[]) {
    const keep = new Set(after);
    await this.setRole(
      context,
      before.filter((member) => !keep.has(member)),
      null,
    );
    const had = new Set(before);
    await this.setRole(
      context,
      after.filter((member) => !had.has(member)),
      role,
    );
  }

  private async setRole(context: RequestContext, users: string[], role: string | null) {
    if (users.length === 0) return;
    await this.writer.updateMany(context, 'directus_users', { keys: users, data: { role } }, {}, 'system');
  }

  private async assertUsers(context: RequestContext, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const { rows } = await (
      await context.tenant.pool()
    ).query<{ id: string }>('SELECT id FROM directus_users WHERE id = ANY($1::uuid[])', [ids]);
    const found = new Set(rows.map((row) => row.id));
    const missing = ids.find((id) => !found.has(id));
    if (missing) throw new ScimError(400, `User ${missing} does not exist.`, 'invalidValue');
  }
}
