import type { PermittedFields } from '@atrium/permissions';
import type { CollectionOverview, SchemaOverview } from '@atrium/schema';
import { fieldSchema, itemsComponent, valueSchema } from './field-schema';
import type { Json, PathsObject } from './openapi-types';
import { ITEM_PARAMETERS, LIST_PARAMETERS, WRITE_PARAMETERS } from './query-parameters';

const json = (schema: Json) => ({ 'application/json': { schema } });
const answer = (description: string, data: Json, extra: Json = {}) => ({
  description,
  content: json({ type: 'object', properties: { data, ...extra } }),
});
const ERRORS = {
  '400': { $ref: '#/components/responses/BadRequest' },
  '401': { $ref: '#/components/responses/Unauthorized' },
  '403': { $ref: '#/components/responses/Forbidden' },
};
const NO_CONTENT = { description: 'Done; the caller may not read the result.' };
const META = {
  meta: {
    type: 'object',
    properties: { total_count: { type: 'integer' }, filter_count: { type: 'integer' } },
  },
};

/** These fields of the collection as schema properties; `writable` leaves out generated columns. */
function propertiesOf(
  overview: SchemaOverview,
  collection: CollectionOverview,
  fields: readonly string[],
  readable: ReadonlySet<string>,
  writable: boolean,
): Json {
  const properties: Json = {};
  for (const name of fields) {
    const field = collection.fields[name];
    if (!field || (writable && field.schema?.is_generated === true)) continue;
    properties[name] = fieldSchema(overview, field, readable);
  }
  return properties;
}

/** An object of the fields a create or an update may name. */
function payloadSchema(
  overview: SchemaOverview,
  collection: CollectionOverview,
  fields: readonly string[],
  readable: ReadonlySet<string>,
): Json {
  return { type: 'object', properties: propertiesOf(overview, collection, fields, readable, true) };
}

/** The collection's item schema: the fields the caller may read. */
export function itemSchema(
  overview: SchemaOverview,
  collection: CollectionOverview,
  fields: readonly string[],
  readable: ReadonlySet<string>,
): Json {
  const note = collection.meta?.note;
  return {
    type: 'object',
    properties: propertiesOf(overview, collection, fields, readable, false),
    ...(note ? { description: note } : {}),
  };
}

/**
 * `/items/<collection>` and `/items/<collection>/{id}` with the operations the caller may run: reads with the
 * query parameters, and request bodies holding only the fields its create or update rules allow. A
 * singleton has one path, read and updated in place.
 */
export function collectionPaths(
  overview: SchemaOverview,
  collection: CollectionOverview,
  permitted: PermittedFields,
  readable: ReadonlySet<string>,
): PathsObject {
  const name = collection.collection;
  const component = itemsComponent(name);
  const item = { $ref: `#/components/schemas/${component}` };
  const tags = [component];
  const read = permitted.read.has(name);
  const create = permitted.create.get(name);
  const update = permitted.update.get(name);
  const remove = permitted.delete.has(name);
  const keySchema = valueSchema(collection.fields[collection.primary as string]);
  const written = (description: string, data: Json) => ({
    ...(read ? { '200': answer(description, data) } : {}),
    '204': NO_CONTENT,
    ...ERRORS,
  });
  const readOne = (operationId: string, summary: string, description: string) => ({
    operationId,
    summary,
    tags,
    parameters: ITEM_PARAMETERS,
    responses: { '200': answer(description, item), ...ERRORS },
  });
  const updateOne = (
    operationId: string,
    summary: string,
    fields: readonly string[],
    description: string,
  ) => ({
    operationId,
    summary,
    tags,
    parameters: WRITE_PARAMETERS,
    requestBody: { content: json(payloadSchema(overview, collection, fields, readable)) },
    responses: written(description, item),
  });
  const list: Json = {};
  const one: Json = {};

  if (collection.meta?.singleton) {
    if (read) list.get = readOne(`readSingleton${component}`, `Read the ${name} singleton`, 'The singleton.');
    if (update) {
      list.patch = updateOne(
        `updateSingleton${component}`,
        `Update the ${name} singleton`,
        update,
        'The singleton after the update.',
      );
    }
    return Object.keys(list).length ? { [`/items/${name}`]: list } : {};
  }

  if (read) {
    list.get = {
      operationId: `read${component}`,
      summary: `List ${name} items`,
      description: 'The same query may be sent as a JSON body with the `SEARCH` method (`{"query": {…}}`).',
      tags,
      parameters: LIST_PARAMETERS,
      responses: { '200': answer(`Items of ${name}.`, { type: 'array', items: item }, META), ...ERRORS },
    };
    one.get = readOne(`readSingle${component}`, `Read one ${name} item`, 'The item.');
  }
  if (create) {
    const payload = payloadSchema(overview, collection, create, readable);
    list.post = {
      operationId: `create${component}`,
      summary: `Create ${name} items: one (an object) or several (an array)`,
      tags,
      parameters: WRITE_PARAMETERS,
      requestBody: { content: json({ oneOf: [payload, { type: 'array', items: payload }] }) },
      responses: written('The created item or items.', { oneOf: [item, { type: 'array', items: item }] }),
    };
  }
  if (update) {
    const payload = payloadSchema(overview, collection, update, readable);
    list.patch = {
      operationId: `update${component}`,
      summary: `Update several ${name} items: by keys or a query, to the same data`,
      tags,
      parameters: WRITE_PARAMETERS,
      requestBody: {
        content: json({
          type: 'object',
          properties: { keys: { type: 'array', items: keySchema }, query: { type: 'object' }, data: payload },
          required: ['data'],
        }),
      },
      responses: written('The updated items.', { type: 'array', items: item }),
    };
    one.patch = updateOne(
      `updateSingle${component}`,
      `Update one ${name} item`,
      update,
      'The item after the update.',
    );
  }
  if (remove) {
    list.delete = {
      operationId: `delete${component}`,
      summary: `Delete several ${name} items: by keys, or a query`,
      tags,
      requestBody: {
        content: json({
          oneOf: [
            { type: 'array', items: keySchema },
            {
              type: 'object',
              properties: { keys: { type: 'array', items: keySchema }, query: { type: 'object' } },
            },
          ],
        }),
      },
      responses: { '204': { description: 'Deleted.' }, ...ERRORS },
    };
    one.delete = {
      operationId: `deleteSingle${component}`,
      summary: `Delete one ${name} item`,
      tags,
      responses: { '204': { description: 'Deleted.' }, ...ERRORS },
    };
  }
  const paths: PathsObject = {};
  if (Object.keys(list).length) paths[`/items/${name}`] = list;
  if (Object.keys(one).length) {
    paths[`/items/${name}/{id}`] = {
      parameters: [{ name: 'id', in: 'path', required: true, schema: keySchema }],
      ...one,
    } as PathsObject[string];
  }
  return paths;
}
