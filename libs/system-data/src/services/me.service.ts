import { Injectable } from '@nestjs/common';
import { requireUser } from '@atrium/auth';
import { AtriumException, isPlainObject } from '@atrium/core';
import { ItemsReader, ItemsWriter, type RawQuery } from '@atrium/items';
import { PermissionsService, type RequestContext } from '@atrium/permissions';
import { parseQuery, type Access } from '@atrium/query';
import { fieldForbidden } from '../errors';
import { SELF_EDITABLE_USER_FIELDS } from './self-editable-fields';

export interface PolicyGlobalsView {
  app_access: boolean;
  admin_access: boolean;
  enforce_tfa: boolean;
}

const NO_ACCESS: PolicyGlobalsView = { app_access: false, admin_access: false, enforce_tfa: false };
const USERS = 'directus_users';
const ROLES = 'directus_roles';

/** The routes about the caller: `/users/me`, `/roles/me`, `/policies/me/globals`. */
@Injectable()
export class MeService {
  constructor(
    private readonly reader: ItemsReader,
    private readonly writer: ItemsWriter,
    private readonly permissions: PermissionsService,
  ) {}

  /**
   * No signed-in user → 401 INVALID_CREDENTIALS. A caller whose permissions don't reach their own user row
   * gets `{data: {id}}` (Directus), never a 403 for asking who they are.
   */
  async readUser(context: RequestContext, raw: RawQuery): Promise<string> {
    const { user } = requireUser(context.accountability);
    const onlyId = JSON.stringify({ data: { id: user } });
    if (!context.permissions.allows(USERS, 'read')) return onlyId;
    try {
      return await this.reader.readOne(context, USERS, user, raw, 'system');
    } catch (error) {
      if (error instanceof AtriumException && error.code === 'FORBIDDEN') return onlyId;
      throw error;
    }
  }

  /**
   * Self-service: profile fields, password and static token only, each also under the caller's update
   * permissions (admins: all of these); anything deciding access → 403 FORBIDDEN.
   */
  async updateUser(context: RequestContext, body: unknown, raw: RawQuery): Promise<string> {
    const { user } = requireUser(context.accountability);
    if (isPlainObject(body)) {
      for (const field of Object.keys(body)) {
        if (field !== 'id' && !SELF_EDITABLE_USER_FIELDS.has(field)) throw fieldForbidden(USERS, field);
      }
    }
    // The caller's own row always exists; one they may not read back reads as no data.
    return (await this.writer.updateOne(context, USERS, user, body, raw, 'system')) ?? '{"data":null}';
  }

  /** The caller's role followed by its ancestors; anonymous callers have none. */
  async readRoles(context: RequestContext, raw: RawQuery): Promise<string> {
    const { user, roles } = context.accountability;
    if (!user) return '{"data":[]}';
    // `roles` is the chain the request pipeline set from the cached grants (`$CURRENT_ROLES` in Directus's
    // terms): what the caller may read of the roles, with no query of its own.
    const collection = context.schema.collections[ROLES];
    return this.reader.inKeyOrder(context, collection, parseQuery(raw), roles, this.ownRoles(context));
  }

  /** The access flags the caller's policies add up to; anonymous callers get none. */
  async readGlobals(context: RequestContext): Promise<{ data: PolicyGlobalsView }> {
    if (!context.accountability.user) return { data: NO_ACCESS };
    const flags = await this.permissions.flags(
      context.tenant,
      context.accountability,
      context.schema.version,
    );
    return { data: { app_access: flags.app, admin_access: flags.admin, enforce_tfa: flags.enforceTfa } };
  }

  /** A caller always reads their own role chain, whatever their rules say of other roles. */
  private ownRoles(context: RequestContext): Access {
    const access = this.reader.readAccess(context);
    if (access === 'admin' || access.collections[ROLES]) return access;
    const own = { rowFilter: { id: { _in: [...context.accountability.roles] } }, fields: '*' as const };
    return { collections: { ...access.collections, [ROLES]: own } };
  }
}
