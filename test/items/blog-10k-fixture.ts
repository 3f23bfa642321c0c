import type { TestApp } from '../support/test-app';
import { adminCaller, type Caller, createBlogSchema } from './items-fixture';

export type { Caller } from './items-fixture';

export interface Author {
  id: number;
  name: string;
}
export interface Article {
  id: number;
  title: string;
  status: string;
  views: number;
  rating: string;
  published_at: Date | null;
  author: number | null;
}
export interface Comment {
  id: number;
  article: number;
  body: string;
  score: number;
}
export interface Tag {
  id: number;
  label: string;
}
export interface Junction {
  id: number;
  articles_id: number;
  tags_id: number;
}

/** The raw rows of every blog table, read with SQL, to compute expected answers without the API. */
export interface BlogRows {
  authors: Author[];
  articles: Article[];
  comments: Comment[];
  tags: Tag[];
  junctions: Junction[];
}

/*
 * Deterministic, scrambled data: ids and names/views are not in the same order, so sorting bugs show.
 * Timestamps sit at noon UTC so year() is the same in any server time zone within ±11 h.
 */
const DATA = `
  INSERT INTO authors (id, name) SELECT i, 'Author ' || lpad(((i * 37) % 50)::text, 2, '0') || ' ' || chr(65 + i % 26)
    FROM generate_series(1, 50) i;
  INSERT INTO articles (id, title, status, views, rating, published_at, author)
    SELECT i,
      'Article ' || i || CASE WHEN i % 7 = 0 THEN ' quantum leap' ELSE '' END,
      (ARRAY['draft', 'published', 'archived'])[i % 3 + 1],
      (i * 7919) % 1000,
      ((i * 31) % 500) / 100.0,
      CASE WHEN i % 97 = 0 THEN NULL
        ELSE timestamptz '2020-01-01 12:00:00+00' + ((i * 8731) % 1461) * interval '1 day' END,
      CASE WHEN i % 101 = 0 THEN NULL ELSE (i * 13) % 50 + 1 END
    FROM generate_series(1, 10000) i;
  INSERT INTO tags (id, label) SELECT i, 'tag-' || lpad(i::text, 2, '0') FROM generate_series(1, 20) i;
  INSERT INTO articles_tags (articles_id, tags_id)
    SELECT DISTINCT a, t FROM generate_series(1, 10000) a,
      LATERAL (VALUES (a % 20 + 1), ((a * 7) % 20 + 1)) v(t) WHERE a % 11 <> 0 ORDER BY a, t;
  INSERT INTO comments (article, body, score)
    SELECT a, 'comment ' || a || '-' || n, (a * n * 17) % 10
      FROM generate_series(1, 10000) a, generate_series(1, 3) n WHERE n <= a % 4;
  SELECT setval(pg_get_serial_sequence('authors', 'id'), 50);
  SELECT setval(pg_get_serial_sequence('articles', 'id'), 10000);
  SELECT setval(pg_get_serial_sequence('tags', 'id'), 20);
`;

/** Starts a project `key` with the blog schema and 10,000 articles; returns an admin caller and raw rows. */
export async function createBlog10k(
  t: TestApp,
  key: string,
): Promise<{ call: Caller; ok: Caller; rows: BlogRows }> {
  await t.createProject(key);
  const { call, ok } = await adminCaller(t, key);
  await createBlogSchema(ok);
  const client = await t.tenantClient(key);
  try {
    await client.query(DATA);
    const rows: BlogRows = {
      authors: (await client.query<Author>('SELECT id, name FROM authors ORDER BY id')).rows,
      articles: (
        await client.query<Article>(
          'SELECT id, title, status, views, rating::text AS rating, published_at, author FROM articles ORDER BY id',
        )
      ).rows,
      comments: (await client.query<Comment>('SELECT id, article, body, score FROM comments ORDER BY id'))
        .rows,
      tags: (await client.query<Tag>('SELECT id, label FROM tags ORDER BY id')).rows,
      junctions: (
        await client.query<Junction>('SELECT id, articles_id, tags_id FROM articles_tags ORDER BY id')
      ).rows,
    };
    return { call, ok, rows };
  } finally {
    await client.end();
  }
}

/** Row counts of every blog table, to prove hostile requests changed nothing. */
export async function blogCounts(t: TestApp, key: string): Promise<Record<string, number>> {
  const client = await t.tenantClient(key);
  try {
    const { rows } = await client.query<Record<string, number>>(`SELECT
      (SELECT count(*)::int FROM authors) AS authors, (SELECT count(*)::int FROM articles) AS articles,
      (SELECT count(*)::int FROM comments) AS comments, (SELECT count(*)::int FROM tags) AS tags,
      (SELECT count(*)::int FROM articles_tags) AS articles_tags`);
    return rows[0];
  } finally {
    await client.end();
  }
}
