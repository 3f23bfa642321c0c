import { Injectable } from '@nestjs/common';
import type { GraphqlItems, ItemsQuery } from '@atrium/graphql';
import { ItemsReader, ItemsWriter, type CollectionScope } from '@atrium/items';
import type { RequestContext } from '@atrium/permissions';
import { FilesService, SettingsService } from '@atrium/system-data';

const FILES = 'directus_files';
const SETTINGS = 'directus_settings';

function scopeOf(collection: string): CollectionScope {
  return collection.startsWith('directus_') ? 'system' : 'user';
}

/**
 * GraphQL's reads and writes, routed as the REST routes route them: the items engine for every collection,
 * the files service where deleting a row also deletes its bytes, the settings service for the singleton.
 */
@Injectable()
export class ApiGraphqlItems implements GraphqlItems {
  constructor(
    private readonly reader: ItemsReader,
    private readonly writer: ItemsWriter,
    private readonly files: FilesService,
    private readonly settings: SettingsService,
  ) {}

  list(context: RequestContext, collection: string, query: ItemsQuery): Promise<string> {
    if (collection === SETTINGS) return this.settings.read(context, query);
    return this.reader.list(context, collection, query, scopeOf(collection));
  }

  readOne(context: RequestContext, collection: string, key: string, query: ItemsQuery): Promise<string> {
    return this.reader.readOne(context, collection, key, query, scopeOf(collection));
  }

  create(
    context: RequestContext,
    collection: string,
    body: unknown,
    query: ItemsQuery,
  ): Promise<string | null> {
    return this.writer.create(context, collection, body, query, scopeOf(collection));
  }

  updateOne(
    context: RequestContext,
    collection: string,
    key: string,
    body: unknown,
    query: ItemsQuery,
  ): Promise<string | null> {
    return this.writer.updateOne(context, collection, key, body, query, scopeOf(collection));
  }

  updateMany(
    context: RequestContext,
    collection: string,
    body: unknown,
    query: ItemsQuery,
  ): Promise<string | null> {
    return this.writer.updateMany(context, collection, body, query, scopeOf(collection));
  }

  updateSingleton(
    context: RequestContext,
    collection: string,
    body: unknown,
    query: ItemsQuery,
  ): Promise<string | null> {
    if (collection === SETTINGS) return this.settings.update(context, body, query);
    // A singleton's PATCH on the collection is its upsert, as REST routes it.
    return this.writer.updateMany(context, collection, body, query, scopeOf(collection));
  }

  deleteOne(context: RequestContext, collection: string, key: string): Promise<void> {
    if (collection === FILES) return this.files.deleteOne(context, key);
    return this.writer.deleteOne(context, collection, key, scopeOf(collection));
  }

  deleteMany(context: RequestContext, collection: string, keys: readonly string[]): Promise<void> {
    if (collection === FILES) return this.files.deleteMany(context, [...keys]);
    return this.writer.deleteMany(context, collection, [...keys], scopeOf(collection));
  }
}
