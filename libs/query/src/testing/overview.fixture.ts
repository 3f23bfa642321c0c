import type {
  CollectionOverview,
  DirectusType,
  FieldOverview,
  RelationOverview,
  SchemaOverview,
} from '@atrium/schema';

/**
 * A hand-built schema snapshot for unit specs of the compiler (no database): the blog of the integration
 * fixture, reduced to what compilation reads. `articles` holds every scalar type, an m2o `author`, an o2m
 * `comments` and an m2m `tags` (through `articles_tags`). Frozen, as the real snapshot is.
 */

interface FieldOptions {
  special?: string[];
  searchable?: boolean;
  primary?: boolean;
  fk?: string;
}

function field(
  collection: string,
  name: string,
  type: DirectusType,
  dataType: string | null,
  options: FieldOptions = {},
): FieldOverview {
  const meta = options.special || options.searchable === false ? fieldMeta(collection, name, options) : null;
  return {
    collection,
    field: name,
    type,
    schema:
      dataType === null
        ? null
        : {
            name,
            table: collection,
            data_type: dataType,
            default_value: null,
            max_length: null,
            numeric_precision: null,
            numeric_scale: null,
            is_nullable: !options.primary,
            is_unique: !!options.primary,
            is_indexed: !!options.primary,
            is_primary_key: !!options.primary,
            is_generated: false,
            generation_expression: null,
            has_auto_increment: !!options.primary,
            foreign_key_table: options.fk ?? null,
            foreign_key_column: options.fk ? 'id' : null,
            comment: null,
          },
    meta,
  };
}

function fieldMeta(collection: string, name: string, options: FieldOptions): FieldOverview['meta'] {
  return {
    id: 0,
    collection,
    field: name,
    special: options.special ?? null,
    interface: null,
    options: null,
    display: null,
    display_options: null,
    readonly: false,
    hidden: false,
    sort: null,
    width: null,
    translations: null,
    note: null,
    conditions: null,
    required: false,
    group: null,
    validation: null,
    validation_message: null,
    searchable: options.searchable ?? true,
  };
}

function collection(name: string, fields: FieldOverview[]): CollectionOverview {
  return {
    collection: name,
    schema: { name, comment: null },
    meta: null,
    primary: 'id',
    system: false,
    fields: Object.fromEntries(fields.map((f) => [f.field, f])),
  };
}

const id = (name: string) => field(name, 'id', 'integer', 'integer', { primary: true });

function relation(
  many: string,
  manyField: string,
  one: string,
  oneField: string | null,
  junctionField: string | null = null,
): RelationOverview {
  return {
    collection: many,
    field: manyField,
    related_collection: one,
    schema: {
      table: many,
      column: manyField,
      foreign_key_table: one,
      foreign_key_column: 'id',
      constraint_name: `${many}_${manyField}_foreign`,
      on_update: 'NO ACTION',
      on_delete: 'SET NULL',
    },
    meta: {
      id: 0,
      many_collection: many,
      many_field: manyField,
      one_collection: one,
      one_field: oneField,
      one_collection_field: null,
      one_allowed_collections: null,
      junction_field: junctionField,
      sort_field: null,
      one_deselect_action: 'nullify',
    },
  };
}

/** Local twin of the schema library's `deepFreeze`: importing it would load that library's Nest module. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

const A = 'articles';

export const BLOG_OVERVIEW: SchemaOverview = deepFreeze({
  version: 1,
  collections: {
    authors: collection('authors', [
      id('authors'),
      field('authors', 'name', 'string', 'character varying'),
      field('authors', 'email', 'string', 'character varying'),
      field('authors', 'secret', 'string', 'character varying', { special: ['conceal'] }),
      field('authors', 'password', 'hash', 'character varying', { special: ['hash'] }),
      field('authors', 'profile', 'json', 'json'),
      field('authors', 'articles', 'alias', null, { special: ['o2m'] }),
    ]),
    articles: collection(A, [
      id(A),
      field(A, 'title', 'string', 'character varying'),
      field(A, 'body', 'text', 'text'),
      field(A, 'status', 'string', 'character varying'),
      field(A, 'views', 'integer', 'integer'),
      field(A, 'rank', 'integer', 'smallint'),
      field(A, 'big', 'bigInteger', 'bigint'),
      field(A, 'price', 'decimal', 'numeric'),
      field(A, 'ratio', 'float', 'double precision'),
      field(A, 'published', 'boolean', 'boolean'),
      field(A, 'published_on', 'date', 'date'),
      field(A, 'created_at', 'timestamp', 'timestamp with time zone'),
      field(A, 'local_at', 'dateTime', 'timestamp without time zone'),
      field(A, 'at_time', 'time', 'time without time zone'),
      field(A, 'tags_csv', 'csv', 'text', { special: ['cast-csv'] }),
      field(A, 'data', 'json', 'jsonb'),
      field(A, 'ref', 'uuid', 'uuid'),
      field(A, 'notes', 'text', 'text', { searchable: false }),
      field(A, 'author', 'integer', 'integer', { fk: 'authors' }),
      field(A, 'comments', 'alias', null, { special: ['o2m'] }),
      field(A, 'tags', 'alias', null, { special: ['m2m'] }),
    ]),
    comments: collection('comments', [
      id('comments'),
      field('comments', 'article', 'integer', 'integer', { fk: A }),
      field('comments', 'body', 'text', 'text'),
      field('comments', 'score', 'integer', 'integer'),
    ]),
    tags: collection('tags', [
      id('tags'),
      field('tags', 'name', 'string', 'character varying'),
      // A name with a double quote proves identifiers are quoted and escaped, never pasted.
      field('tags', 'odd"name', 'string', 'character varying'),
    ]),
    articles_tags: collection('articles_tags', [
      id('articles_tags'),
      field('articles_tags', 'articles_id', 'integer', 'integer', { fk: A }),
      field('articles_tags', 'tags_id', 'integer', 'integer', { fk: 'tags' }),
    ]),
  },
  relations: [
    relation(A, 'author', 'authors', 'articles'),
    relation('comments', 'article', A, 'comments'),
    relation('articles_tags', 'articles_id', A, 'tags', 'tags_id'),
    relation('articles_tags', 'tags_id', 'tags', null, 'articles_id'),
  ],
});

const U = 'directus_users';
const R = 'directus_roles';
const uuidKey = (name: string) => field(name, 'id', 'uuid', 'uuid', { primary: true });

/**
 * The caller's own rows, for `$CURRENT_USER.<path>` / `$CURRENT_ROLE.<path>`: users with an `org` and a role,
 * roles with a parent and their users (o2m).
 */
export const USERS_OVERVIEW: SchemaOverview = deepFreeze({
  version: 1,
  collections: {
    [U]: collection(U, [
      uuidKey(U),
      field(U, 'email', 'string', 'character varying'),
      field(U, 'org', 'integer', 'integer'),
      field(U, 'password', 'hash', 'character varying', { special: ['hash'] }),
      field(U, 'role', 'uuid', 'uuid', { fk: R }),
    ]),
    [R]: collection(R, [
      uuidKey(R),
      field(R, 'name', 'string', 'character varying'),
      field(R, 'parent', 'uuid', 'uuid', { fk: R }),
      field(R, 'users', 'alias', null, { special: ['o2m'] }),
    ]),
  },
  relations: [relation(U, 'role', R, 'users'), relation(R, 'parent', R, null)],
});
