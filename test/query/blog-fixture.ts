import { buildSchemaOverview, type SchemaOverview } from '@atrium/schema';
import { migrateTenantDatabase, withDatabase } from '@atrium/tenancy';
import { Client, Pool } from 'pg';
import { TEST_DATABASE_URL } from '../support/test-env';

const DDL = `
  CREATE TABLE authors (id serial PRIMARY KEY, name varchar(100) NOT NULL, email varchar(100), secret varchar(50),
    password varchar(255));
  CREATE TABLE articles (
    id serial PRIMARY KEY, title varchar(200), body text, status varchar(20), views integer, big bigint,
    price numeric(10, 2), ratio double precision, published boolean, published_on date,
    created_at timestamptz, local_at timestamp, at_time time, tags_csv text, data jsonb, ref uuid,
    author integer REFERENCES authors (id));
  CREATE TABLE comments (id serial PRIMARY KEY, article integer REFERENCES articles (id), body text, score integer);
  CREATE TABLE tags (id serial PRIMARY KEY, name varchar(50));
  CREATE TABLE articles_tags (id serial PRIMARY KEY, articles_id integer REFERENCES articles (id),
    tags_id integer REFERENCES tags (id));
  CREATE TABLE headings (id serial PRIMARY KEY, text varchar(100));
  CREATE TABLE quotes (id serial PRIMARY KEY, quote text);
  CREATE TABLE sections (id serial PRIMARY KEY, articles_id integer REFERENCES articles (id), item varchar(255),
    collection varchar(64));
`;
const META = `
  INSERT INTO directus_fields (collection, field, special) VALUES
    ('authors', 'articles', 'o2m'), ('articles', 'comments', 'o2m'), ('articles', 'tags', 'm2m'),
    ('articles', 'sections', 'm2a'), ('articles', 'tags_csv', 'cast-csv'), ('authors', 'secret', 'conceal'),
    ('authors', 'password', 'hash'), ('sections', 'item', 'm2a');
  INSERT INTO directus_relations (many_collection, many_field, one_collection, one_field, junction_field) VALUES
    ('articles', 'author', 'authors', 'articles', NULL),
    ('comments', 'article', 'articles', 'comments', NULL),
    ('articles_tags', 'articles_id', 'articles', 'tags', 'tags_id'),
    ('articles_tags', 'tags_id', 'tags', NULL, 'articles_id'),
    ('sections', 'articles_id', 'articles', 'sections', 'item');
  INSERT INTO directus_relations (many_collection, many_field, one_collection, one_allowed_collections,
    one_collection_field, junction_field) VALUES ('sections', 'item', NULL, 'headings,quotes', 'collection', 'articles_id');
`;
const DATA = `
  INSERT INTO authors (name, email, secret, password) VALUES ('Ann', 'ann@x.io', 's1', 'h1'), ('Bob', NULL, NULL, NULL),
    ('Cy%_\\', 'cy@x.io', NULL, NULL);
  INSERT INTO articles (title, body, status, views, big, price, ratio, published, published_on, created_at, local_at,
    at_time, tags_csv, data, ref, author) VALUES
    ('Hello World', 'first body', 'published', 10, 9007199254740993, 12.50, 0.5, true, '2023-01-15',
     '2023-01-15T10:20:30.123Z', '2023-01-15 10:20:30', '10:20:30', 'a,b', '{"k":1}', 'a81bc81b-dead-4e5d-abff-90865d1e13b1', 1),
    ('Second post', 'it''s 100% done', 'draft', 5, 42, 3.00, 1.5, false, '2024-06-01',
     '2024-06-01T00:00:00Z', '2024-06-01 00:00:00', '00:00:00', '',
     '{"k":"two","n":2.5,"tags":["a","b"],"nested":{"deep":[1,{"x":"y"}]}}', NULL, 1),
    ('Third', NULL, 'published', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 2),
    ('', 'empty title', 'archived', 0, -1, 0, 0, true, '2022-12-31', '2022-12-31T23:59:59Z', NULL, NULL, 'x', '[]', NULL, NULL);
  INSERT INTO comments (article, body, score) VALUES (1, 'nice', 5), (1, 'meh', 2), (2, 'ok', 3), (NULL, 'orphan', 1);
  INSERT INTO tags (name) VALUES ('js'), ('sql'), ('go');
  INSERT INTO articles_tags (articles_id, tags_id) VALUES (1, 1), (1, 2), (2, 2);
  INSERT INTO headings (text) VALUES ('Intro'), ('Outro');
  INSERT INTO quotes (quote) VALUES ('To be');
  INSERT INTO sections (articles_id, item, collection) VALUES (1, '1', 'headings'), (1, '1', 'quotes'), (2, '2', 'headings');
`;

/** A scratch database with a small blog schema, its Directus metadata and data; `drop()` removes it. */
export class BlogFixture {
  private constructor(
    readonly pool: Pool,
    readonly overview: SchemaOverview,
    private readonly database: string,
  ) {}

  static async create(): Promise<BlogFixture> {
    const database = `atrium_query_${process.pid}_${Date.now()}`;
    const admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${database}"`);
    } finally {
      await admin.end();
    }
    const url = withDatabase(TEST_DATABASE_URL, database);
    await migrateTenantDatabase({ connectionString: url });
    const pool = new Pool({ connectionString: url, max: 2, statement_timeout: 5000 });
    await pool.query(DDL);
    await pool.query(META);
    await pool.query(DATA);
    return new BlogFixture(pool, await buildSchemaOverview(pool), database);
  }

  async run(query: {
    text: string;
    values: unknown[];
  }): Promise<{ data: unknown; meta?: Record<string, number> }> {
    const { rows } = await this.pool.query<{ result: { data: unknown; meta?: Record<string, number> } }>(
      query,
    );
    return rows[0].result;
  }

  async rows(sql: string): Promise<Record<string, unknown>[]> {
    return (await this.pool.query(sql)).rows as Record<string, unknown>[];
  }

  async drop(): Promise<void> {
    await this.pool.end();
    const admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${this.database}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
}
