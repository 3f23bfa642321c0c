import { Injectable } from '@nestjs/common';
import { requireAdmin } from '@atrium/auth';
import { invalidPayload } from '@atrium/core';
import type { Row } from '../definitions/collection-definition';
import { SETTINGS } from '../definitions/settings.definition';
import { isPlainObject } from '../payload/coerce-payload';
import { buildSelect } from '../query/build-select';
import { normalizeQueryParams } from '../query/normalize-query-params';
import { parseFields } from '../query/parse-query';
import type { SystemQuery } from '../query/query-types';
import type { SystemContext } from './system-context';
import { RawQuery, SystemItemsService } from './system-items.service';

/** Serialises upserts of the singleton, so two first writes cannot both insert a row. */
const SETTINGS_LOCK: [number, number] = [0x61747269, 0x73657474];

function firstRowQuery(fields: string[]): SystemQuery {
  return {
    fields,
    filter: null,
    search: null,
    sort: [],
    limit: 1,
    offset: 0,
    meta: { totalCount: false, filterCount: false },
  };
}

/** `/settings`: the project's settings singleton (admin only until the permissions issue). */
@Injectable()
export class SettingsService {
  constructor(private readonly items: SystemItemsService) {}

  /** The row, or Directus's defaults when the project has none yet. */
  async read(context: SystemContext, raw: RawQuery): Promise<{ data: Row }> {
    requireAdmin(context.accountability);
    const fields = parseFields(SETTINGS, normalizeQueryParams(raw).fields);
    const pool = await context.tenant.pool();
    const { rows } = await pool.query<Row>(buildSelect(SETTINGS, firstRowQuery(fields)));
    if (rows[0]) return { data: rows[0] };
    const defaults: Row = {};
    for (const field of SETTINGS.fields) {
      if (fields.includes(field.name)) defaults[field.name] = field.defaultValue ?? null;
    }
    return { data: defaults };
  }

  /** Updates the row, creating it on first write; audited like any other change. */
  async update(context: SystemContext, body: unknown, raw: RawQuery): Promise<{ data: Row }> {
    requireAdmin(context.accountability);
    if (!isPlainObject(body)) throw invalidPayload('The settings payload has to be an object.');
    const fields = parseFields(SETTINGS, normalizeQueryParams(raw).fields);
    const rows = await this.items.mutate(context, SETTINGS, async (session) => {
      const existing = await session.lockSingleton(SETTINGS_LOCK);
      const key = existing ?? (await session.create(body));
      if (existing !== null) await session.update([existing], body);
      return session.readBack(fields, [key]);
    });
    return { data: rows[0] };
  }
}
