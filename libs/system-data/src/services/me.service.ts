import { Injectable } from '@nestjs/common';
import { requireUser } from '@atrium/auth';
import { AtriumException, isPlainObject } from '@atrium/core';
import { ROLES } from '../definitions/roles.definition';
import { SystemReader } from '../read/system-reader';
import { SELF_EDITABLE_USER_FIELDS, USERS } from '../definitions/users.definition';
import { fieldForbidden } from '../errors';
import type { SystemContext } from './system-context';
import { RawQuery, SystemItemsService } from './system-items.service';

export interface PolicyGlobalsView {
  app_access: boolean;
  admin_access: boolean;
  enforce_tfa: boolean;
}

const NO_ACCESS: PolicyGlobalsView = { app_access: false, admin_access: false, enforce_tfa: false };

/** The routes about the caller: `/users/me`, `/roles/me`, `/policies/me/globals`. */
@Injectable()
export class MeService {
  constructor(
    private readonly items: SystemItemsService,
    private readonly reader: SystemReader,
  ) {}

  /**
   * No signed-in user → 401 INVALID_CREDENTIALS. A caller whose permissions don't reach their own user row
   * gets `{data: {id}}` (Directus), never a 403 for asking who they are.
   */
  async readUser(context: SystemContext, raw: RawQuery): Promise<string> {
    const { user } = requireUser(context.accountability);
    const onlyId = JSON.stringify({ data: { id: user } });
    if (!(await this.reader.allows(context, USERS.collection, 'read'))) return onlyId;
    try {
      return await this.items.readOne(context, USERS, user, raw);
    } catch (error) {
      if (error instanceof AtriumException && error.code === 'FORBIDDEN') return onlyId;
      throw error;
    }
  }

  /**
   * Self-service: profile fields, password and static token only, each also under the caller's update
   * permissions (admins: all of these); anything deciding access → 403 FORBIDDEN.
   */
  async updateUser(context: SystemContext, body: unknown, raw: RawQuery): Promise<string> {
    const { user } = requireUser(context.accountability);
    if (isPlainObject(body)) {
      for (const field of Object.keys(body)) {
        if (field !== USERS.primaryKey && !SELF_EDITABLE_USER_FIELDS.has(field)) {
          throw fieldForbidden(USERS.collection, field);
        }
      }
    }
    // The caller's own row always exists; one they may not read back reads as no data.
    return (
      (await this.items.updateOne({ ...context, self: true }, USERS, user, body, raw)) ?? '{"data":null}'
    );
  }

  /** The caller's role followed by its ancestors; anonymous callers have none. */
  async readRoles(context: SystemContext, raw: RawQuery): Promise<string> {
    const { user, roles } = context.accountability;
    if (!user) return '{"data":[]}';
    // `roles` is the chain the policy-flags guard set from the cached grants (`$CURRENT_ROLES` in Directus's
    // terms): what the caller may read of the roles, with no query of its own.
    return this.items.readByKeys({ ...context, self: true }, ROLES, roles, raw);
  }

  /** The access flags the caller's policies add up to; anonymous callers get none. */
  async readGlobals(context: SystemContext): Promise<{ data: PolicyGlobalsView }> {
    if (!context.accountability.user) return { data: NO_ACCESS };
    const flags = await this.reader.policyFlags(context);
    return { data: { app_access: flags.app, admin_access: flags.admin, enforce_tfa: flags.enforceTfa } };
  }
}
