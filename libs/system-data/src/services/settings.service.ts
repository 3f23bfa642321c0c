import { Injectable } from '@nestjs/common';
import { invalidPayload, isPlainObject } from '@atrium/core';
import { parseQuery, type Query } from '@atrium/query';
import { SETTINGS } from '../definitions/settings.definition';
import { SystemReader } from '../read/system-reader';
import { settingsDefaults } from './settings-defaults';
import type { SystemContext } from './system-context';
import { RawQuery, SystemItemsService } from './system-items.service';

/** Serialises upserts of the singleton, so two first writes cannot both insert a row. */
const SETTINGS_LOCK: [number, number] = [0x61747269, 0x73657474];

/** `/settings`: the project's settings singleton, under the caller's permissions like any collection. */
@Injectable()
export class SettingsService {
  constructor(
    private readonly items: SystemItemsService,
    private readonly reader: SystemReader,
  ) {}

  /** The row, or Directus's defaults when the project has none yet. */
  async read(context: SystemContext, raw: RawQuery): Promise<string> {
    const query: Query = { ...parseQuery(raw), limit: 1, offset: null, page: null, meta: [] };
    const row = await this.reader.list(context, SETTINGS.collection, query, { first: true });
    if (!row.missing) return row.body;
    return JSON.stringify({ data: settingsDefaults(SETTINGS, query) });
  }

  /** Updates the row, creating it on first write; audited like any other change. */
  async update(context: SystemContext, body: unknown, raw: RawQuery): Promise<string> {
    await this.items.authorize(context, SETTINGS, 'update');
    if (!isPlainObject(body)) throw invalidPayload('The settings payload has to be an object.');
    return this.items.mutate(context, SETTINGS, raw, async (session, readBack) => {
      const existing = await session.lockSingleton(SETTINGS_LOCK);
      const key = existing ?? (await session.create(body));
      if (existing !== null) await session.update([existing], body);
      return readBack.one(key);
    });
  }
}
