import { Injectable } from '@nestjs/common';
import { forbidden, invalidPayload, isPlainObject } from '@atrium/core';
import type { RequestContext } from '@atrium/permissions';
import type { CollectionOverview } from '@atrium/schema';
import { inTransaction, quoteIdent } from '@atrium/tenancy';
import type { ClientBase } from 'pg';
import { routeCollection, type CollectionScope } from '../read/collection-guard';
import type { Key } from '../write/item-write-session';
import { plausibleKey } from '../write/plausible-key';

interface SortMove {
  item: Key;
  to: Key;
}

function sortMove(body: unknown): SortMove {
  if (!isPlainObject(body)) throw invalidPayload('The body has to be an object with "item" and "to".');
  for (const name of ['item', 'to'] as const) {
    const value = body[name];
    if (typeof value !== 'string' && typeof value !== 'number')
      throw invalidPayload(`"${name}" is required.`);
  }
  return { item: body.item as Key, to: body.to as Key };
}

/**
 * The caller may change the sort field of every item: an admin, or an update rule on the collection that
 * covers the sort field and has no item filter (a reorder shifts items the caller did not name).
 */
function mayReorder(context: RequestContext, collection: CollectionOverview, sortField: string): boolean {
  const { permissions } = context;
  if (permissions.admin) return true;
  return permissions
    .rules(collection.collection, 'update')
    .some((rule) => rule.permissions === null && (rule.fields === '*' || rule.fields.includes(sortField)));
}

/**
 * `POST /utils/sort/:collection {item, to}`: moves `item` to the place `to` has in the collection's sort
 * field, shifting the items between by one, as the Data Studio's drag-and-drop does. Items without a sort
 * value get ones after the last (by primary key) first. One transaction, serialised per collection.
 */
@Injectable()
export class ItemsSorter {
  async sort(
    context: RequestContext,
    name: string,
    body: unknown,
    scope: CollectionScope = 'user',
  ): Promise<void> {
    const collection = routeCollection(context.schema, name, scope);
    const sortField = collection.meta?.sort_field ?? null;
    if (!sortField || !collection.fields[sortField]) {
      throw invalidPayload(`Collection "${name}" has no sort field.`);
    }
    if (!mayReorder(context, collection, sortField)) throw forbidden();
    const move = sortMove(body);
    if (!plausibleKey(collection, move.item) || !plausibleKey(collection, move.to)) throw forbidden();
    const pool = await context.tenant.pool();
    await inTransaction(pool, (client) => this.move(client, collection, sortField, move));
  }

  private async move(client: ClientBase, collection: CollectionOverview, sortField: string, move: SortMove) {
    const table = quoteIdent(collection.schema?.name as string);
    const pk = quoteIdent(collection.primary as string);
    const sort = quoteIdent(sortField);
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`sort:${collection.collection}`]);
    await client.query(
      `UPDATE ${table} AS t SET ${sort} = numbered.value
         FROM (SELECT ${pk} AS key,
                      (SELECT coalesce(max(${sort}), 0) FROM ${table}) + row_number() OVER (ORDER BY ${pk}) AS value
                 FROM ${table} WHERE ${sort} IS NULL) AS numbered
        WHERE t.${pk} = numbered.key`,
    );
    const { rows } = await client.query<{ key: string; value: string }>(
      `SELECT ${pk}::text AS key, ${sort} AS value FROM ${table} WHERE ${pk} IN ($1, $2)`,
      [move.item, move.to],
    );
    const value = (key: Key) => rows.find((row) => row.key === String(key))?.value;
    const source = value(move.item);
    const target = value(move.to);
    if (source === undefined || target === undefined) throw forbidden();
    await client.query(`UPDATE ${table} SET ${sort} = $2 WHERE ${pk} = $1`, [move.item, target]);
    if (Number(source) < Number(target)) {
      await client.query(
        `UPDATE ${table} SET ${sort} = ${sort} - 1 WHERE ${sort} > $1 AND ${sort} <= $2 AND ${pk} <> $3`,
        [source, target, move.item],
      );
    } else if (Number(source) > Number(target)) {
      await client.query(
        `UPDATE ${table} SET ${sort} = ${sort} + 1 WHERE ${sort} >= $2 AND ${sort} < $1 AND ${pk} <> $3`,
        [source, target, move.item],
      );
    }
  }
}
