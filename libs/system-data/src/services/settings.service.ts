import { Injectable } from '@nestjs/common';
import { ItemsReader, ItemsWriter, type RawQuery } from '@atrium/items';
import type { RequestContext } from '@atrium/permissions';
import { parseQuery } from '@atrium/query';
import { settingsDefaults } from './settings-defaults';

const SETTINGS = 'directus_settings';

/** `/settings`: the project's settings singleton, under the caller's permissions like any collection. */
@Injectable()
export class SettingsService {
  constructor(
    private readonly reader: ItemsReader,
    private readonly writer: ItemsWriter,
  ) {}

  /** The row, or Directus's defaults (the columns' own) when the project has none yet. */
  async read(context: RequestContext, raw: RawQuery): Promise<string> {
    const collection = this.reader.target(context, SETTINGS, 'read', 'system');
    const query = parseQuery(raw);
    const row = await this.reader.listFirst(context, collection, query);
    if (!row.missing) return row.body;
    return JSON.stringify({ data: settingsDefaults(collection, query) });
  }

  /** Updates the row, creating it on first write; audited like any other change. */
  async update(context: RequestContext, body: unknown, raw: RawQuery): Promise<string | null> {
    const collection = this.reader.target(context, SETTINGS, 'update', 'system');
    return this.writer.upsertSingleton(context, collection, body, raw);
  }
}
