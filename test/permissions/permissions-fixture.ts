import assert from 'node:assert/strict';
import type { Client } from 'pg';
import { adminCaller } from '../items/items-fixture';
import type { TestApp, TestResponse } from '../support/test-app';

export type Caller = (method: string, url: string, body?: unknown) => Promise<TestResponse>;

export const PASSWORD = 'password-123';
export const STATUSES = ['published', 'draft', 'archived'] as const;
export type Status = (typeof STATUSES)[number];

export interface UserRow {
  id: string;
  email: string;
  name: string;
}

/** One article as the fixture wrote it: expected answers are computed from these, never from the API. */
export interface ArticleRow {
  id: number;
  title: string;
  status: Status;
  body: string;
  /** Holds a needle unique to the article, so search/filter leaks through it are detectable. */
  internal_notes: string;
  author: string;
  views: number;
}

export interface CommentRow {
  id: number;
  article: number;
  body: string;
}

/** Every permission row the fixture made, by name, so a test can remove one rule and put it back. */
export type PermissionName =
  | 'editorReadArticles'
  | 'editorCreateArticles'
  | 'editorUpdateArticles'
  | 'editorDeleteArticles'
  | 'editorReadComments'
  | 'reviewerReadArticles'
  | 'reviewerReadComments'
  | 'reviewerReadUsers'
  | 'publicReadArticles';

export interface PermissionInput {
  policy: string;
  collection: string;
  action: 'create' | 'read' | 'update' | 'delete' | 'share';
  fields: string[];
  permissions?: Record<string, unknown> | null;
  validation?: Record<string, unknown> | null;
  presets?: Record<string, unknown> | null;
}

/** Editor fields: every article field but `internal_notes`. */
export const EDITOR_ARTICLE_FIELDS = ['id', 'title', 'status', 'body', 'author', 'views', 'comments'];
export const ALL_ARTICLE_FIELDS = [...EDITOR_ARTICLE_FIELDS, 'internal_notes'];
export const PUBLIC_ARTICLE_FIELDS = ['id', 'title'];

/**
 * The blog every permissions spec runs against, built over HTTP as an admin would:
 * - `articles` {id, title, status, body, internal_notes, author → directus_users, views, comments (o2m)},
 *   30 rows across alice, bob (editors) and carol (reviewer) and the three statuses;
 * - `comments` {id, article → articles, body}, one per even-numbered article;
 * - role `editor` (policy with app_access): reads/updates own articles without `internal_notes`, creates with
 *   a preset and a validation, deletes own drafts, reads comments;
 * - role `reviewer`: reads published articles (all fields), comments and users; writes nothing;
 * - the project's public policy: reads `id,title` of published articles.
 */
export class BlogWorld {
  readonly permissionIds = {} as Record<PermissionName, number>;
  readonly permissionInputs = {} as Record<PermissionName, PermissionInput>;
  readonly tokens: Record<string, string> = {};
  articles: ArticleRow[] = [];
  comments: CommentRow[] = [];
  users = {} as Record<'alice' | 'bob' | 'carol', UserRow>;
  roles = {} as Record<'editor' | 'reviewer', string>;
  policies = {} as Record<'editor' | 'reviewer' | 'public', string>;

  private constructor(
    readonly t: TestApp,
    readonly project: string,
    /** As the project's admin; asserts nothing. */
    readonly admin: Caller,
    /** As the project's admin; asserts a 200/204. */
    readonly adminOk: Caller,
  ) {}

  static async build(t: TestApp, project: string): Promise<BlogWorld> {
    await t.createProject(project);
    const { call, ok } = await adminCaller(t, project);
    const world = new BlogWorld(t, project, call, ok);
    await world.createSchema();
    await world.createAccess();
    await world.createUsers();
    await world.createContent();
    await world.grantPermissions();
    for (const name of ['alice', 'bob', 'carol'] as const) {
      world.tokens[name] = await world.login(world.users[name].email);
    }
    return world;
  }

  /** A caller with a token (or none: the public). */
  as(token: string | null): Caller {
    return (method, url, body) =>
      this.t.request(method, `/${this.project}${url}`, {
        ...(token ? { token } : {}),
        ...(body === undefined ? {} : { body }),
      });
  }

  caller(who: 'alice' | 'bob' | 'carol' | 'public'): Caller {
    return this.as(who === 'public' ? null : this.tokens[who]);
  }

  async login(email: string, password = PASSWORD): Promise<string> {
    const res = await this.t.request('POST', `/${this.project}/auth/login`, { body: { email, password } });
    assert.equal(res.status, 200, `login ${email}: ${res.text}`);
    return res.body.data.access_token as string;
  }

  /** Creates a user (optionally with a role) and returns it. */
  async createUser(email: string, extra: Record<string, unknown> = {}): Promise<UserRow> {
    const res = await this.adminOk('POST', '/users', { email, password: PASSWORD, ...extra });
    return { id: res.body.data.id, email, name: email.split('@')[0] };
  }

  async createRole(name: string, extra: Record<string, unknown> = {}): Promise<string> {
    return (await this.adminOk('POST', '/roles', { name, ...extra })).body.data.id;
  }

  async createPolicy(name: string, extra: Record<string, unknown> = {}): Promise<string> {
    return (await this.adminOk('POST', '/policies', { name, ...extra })).body.data.id;
  }

  async attach(policy: string, to: { role?: string; user?: string }): Promise<string> {
    return (await this.adminOk('POST', '/access', { policy, role: to.role ?? null, user: to.user ?? null }))
      .body.data.id;
  }

  async addPermission(input: PermissionInput): Promise<number> {
    return (await this.adminOk('POST', '/permissions', input)).body.data.id;
  }

  /** Removes a named rule; returns a function that puts an identical one back (with a new id). */
  async removeRule(name: PermissionName): Promise<() => Promise<void>> {
    await this.adminOk('DELETE', `/permissions/${this.permissionIds[name]}`);
    return async () => {
      this.permissionIds[name] = await this.addPermission(this.permissionInputs[name]);
    };
  }

  /** Changes a named rule in place; returns a function that restores it. */
  async patchRule(name: PermissionName, change: Partial<PermissionInput>): Promise<() => Promise<void>> {
    await this.adminOk('PATCH', `/permissions/${this.permissionIds[name]}`, change);
    return async () => {
      const input = this.permissionInputs[name];
      await this.adminOk('PATCH', `/permissions/${this.permissionIds[name]}`, {
        fields: input.fields,
        permissions: input.permissions ?? null,
        validation: input.validation ?? null,
        presets: input.presets ?? null,
      });
    };
  }

  /** The public policy every project has: the one attached by an access row with neither role nor user. */
  async publicPolicy(): Promise<string> {
    const res = await this.adminOk(
      'GET',
      '/access?filter[role][_null]=true&filter[user][_null]=true&fields=policy',
    );
    assert.equal(res.body.data.length, 1, `one public access row: ${res.text}`);
    return res.body.data[0].policy as string;
  }

  async db(): Promise<Client> {
    return this.t.tenantClient(this.project);
  }

  /** Runs SQL on the project's database (for checking what the API did, and for what the API can't do). */
  async sql<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
    const client = await this.db();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** Re-reads articles and comments from the database after writes. */
  async refresh(): Promise<void> {
    this.articles = await this.sql<ArticleRow>(
      'SELECT id, title, status, body, internal_notes, author, views FROM articles ORDER BY id',
    );
    this.comments = await this.sql<CommentRow>('SELECT id, article, body FROM comments ORDER BY id');
  }

  /** An article made as the admin (for tests that destroy or change one). */
  async adminArticle(values: Partial<ArticleRow>): Promise<ArticleRow> {
    const res = await this.adminOk('POST', '/items/articles?fields=*', {
      title: 'scratch',
      status: 'draft',
      body: 'scratch body',
      internal_notes: 'scratch notes',
      views: 0,
      ...values,
    });
    const { comments: _comments, ...row } = res.body.data as ArticleRow & { comments: unknown };
    return row;
  }

  articlesWhere(test: (article: ArticleRow) => boolean): ArticleRow[] {
    return this.articles.filter(test);
  }

  idsWhere(test: (article: ArticleRow) => boolean): number[] {
    return this.articlesWhere(test).map((article) => article.id);
  }

  private async createSchema(): Promise<void> {
    const id = { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } };
    await this.adminOk('POST', '/collections', {
      collection: 'articles',
      fields: [
        id,
        { field: 'title', type: 'string', schema: {} },
        { field: 'status', type: 'string', schema: {} },
        { field: 'body', type: 'text', schema: {} },
        { field: 'internal_notes', type: 'text', schema: {} },
        { field: 'author', type: 'uuid', schema: {} },
        { field: 'views', type: 'integer', schema: {} },
      ],
    });
    await this.adminOk('POST', '/relations', {
      collection: 'articles',
      field: 'author',
      related_collection: 'directus_users',
    });
    await this.adminOk('POST', '/collections', {
      collection: 'comments',
      fields: [
        id,
        { field: 'article', type: 'integer', schema: {} },
        { field: 'body', type: 'string', schema: {} },
      ],
    });
    await this.adminOk('POST', '/fields/articles', {
      field: 'comments',
      type: 'alias',
      meta: { special: ['o2m'] },
    });
    await this.adminOk('POST', '/relations', {
      collection: 'comments',
      field: 'article',
      related_collection: 'articles',
      meta: { one_field: 'comments' },
    });
  }

  private async createAccess(): Promise<void> {
    this.roles.editor = await this.createRole('editor');
    this.roles.reviewer = await this.createRole('reviewer');
    this.policies.editor = await this.createPolicy('editing', { app_access: true });
    this.policies.reviewer = await this.createPolicy('reviewing');
    this.policies.public = await this.publicPolicy();
    await this.attach(this.policies.editor, { role: this.roles.editor });
    await this.attach(this.policies.reviewer, { role: this.roles.reviewer });
  }

  private async createUsers(): Promise<void> {
    const domain = `${this.project}.test`;
    this.users.alice = await this.createUser(`alice@${domain}`, { role: this.roles.editor, title: 'Chief' });
    this.users.bob = await this.createUser(`bob@${domain}`, { role: this.roles.editor });
    this.users.carol = await this.createUser(`carol@${domain}`, { role: this.roles.reviewer });
  }

  private async createContent(): Promise<void> {
    const authors = [this.users.alice, this.users.bob, this.users.carol];
    const payload = Array.from({ length: 30 }, (_, i) => {
      const n = String(i + 1).padStart(2, '0');
      const author = authors[i % 3];
      const status = STATUSES[Math.floor(i / 3) % 3];
      return {
        title: `Article ${n} by ${author.name} (${status})`,
        status,
        body: `Body ${n}: ${i % 2 === 0 ? 'gardening' : 'cooking'} notes`,
        internal_notes: `zqx${n}needle private remark`,
        author: author.id,
        views: (i + 1) * 10,
      };
    });
    const created = await this.adminOk('POST', '/items/articles?fields=*', payload);
    this.articles = (created.body.data as ArticleRow[])
      .map((row) => ({
        id: row.id,
        title: row.title,
        status: row.status,
        body: row.body,
        internal_notes: row.internal_notes,
        author: row.author,
        views: row.views,
      }))
      .sort((a, b) => a.id - b.id);
    assert.equal(this.articles.length, 30);
    const comments = this.articles
      .filter((_, i) => i % 2 === 1)
      .map((article) => ({ article: article.id, body: `comment on ${article.id}` }));
    const made = await this.adminOk('POST', '/items/comments?fields=id,article,body', comments);
    this.comments = (made.body.data as CommentRow[]).sort((a, b) => a.id - b.id);
  }

  private async grantPermissions(): Promise<void> {
    const own = { author: { _eq: '$CURRENT_USER' } };
    const published = { status: { _eq: 'published' } };
    const rules: Record<PermissionName, PermissionInput> = {
      editorReadArticles: {
        policy: this.policies.editor,
        collection: 'articles',
        action: 'read',
        fields: EDITOR_ARTICLE_FIELDS,
        permissions: own,
      },
      editorCreateArticles: {
        policy: this.policies.editor,
        collection: 'articles',
        action: 'create',
        fields: ['title', 'body', 'status', 'author'],
        presets: { status: 'draft', author: '$CURRENT_USER' },
        validation: { title: { _nempty: true } },
      },
      editorUpdateArticles: {
        policy: this.policies.editor,
        collection: 'articles',
        action: 'update',
        fields: ['title', 'body', 'status'],
        permissions: own,
        validation: { status: { _in: ['draft', 'published'] } },
      },
      editorDeleteArticles: {
        policy: this.policies.editor,
        collection: 'articles',
        action: 'delete',
        fields: ['*'],
        permissions: { _and: [own, { status: { _eq: 'draft' } }] },
      },
      editorReadComments: {
        policy: this.policies.editor,
        collection: 'comments',
        action: 'read',
        fields: ['*'],
      },
      reviewerReadArticles: {
        policy: this.policies.reviewer,
        collection: 'articles',
        action: 'read',
        fields: ['*'],
        permissions: published,
      },
      reviewerReadComments: {
        policy: this.policies.reviewer,
        collection: 'comments',
        action: 'read',
        fields: ['*'],
      },
      reviewerReadUsers: {
        policy: this.policies.reviewer,
        collection: 'directus_users',
        action: 'read',
        fields: ['*'],
      },
      publicReadArticles: {
        policy: this.policies.public,
        collection: 'articles',
        action: 'read',
        fields: PUBLIC_ARTICLE_FIELDS,
        permissions: published,
      },
    };
    for (const [name, input] of Object.entries(rules) as Array<[PermissionName, PermissionInput]>) {
      this.permissionInputs[name] = input;
      this.permissionIds[name] = await this.addPermission(input);
    }
  }
}

/** The first error's code. */
export function errorCode(res: TestResponse): string | undefined {
  return res.body?.errors?.[0]?.extensions?.code;
}

/** Asserts a Directus error envelope with this status and code. */
export function expectError(res: TestResponse, status: number, code: string, what = ''): void {
  assert.equal(res.status, status, `${what} expected ${status} ${code}, got ${res.status}: ${res.text}`);
  assert.equal(errorCode(res), code, `${what} ${res.text}`);
}

/** Asserts a 200 and returns `data`. */
export function expectData<T = unknown>(res: TestResponse, what = ''): T {
  assert.equal(res.status, 200, `${what} expected 200, got ${res.status}: ${res.text}`);
  return res.body.data as T;
}

/** Query-string encoding for JSON params (`filter`, `deep`, `aggregate`, `alias`). */
export function q(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(
      ([key, value]) =>
        `${key}=${encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value))}`,
    )
    .join('&');
}
