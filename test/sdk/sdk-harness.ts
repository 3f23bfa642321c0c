import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type {
  AuthenticationData,
  AuthenticationMode,
  DirectusClient,
  LoginOptions,
  RestClient,
  RestCommand,
  SchemaDiffOutput,
  SchemaSnapshotOutput,
  StaticTokenClient,
} from '@directus/sdk';
import { SmtpSink } from '../support/smtp-sink';
import { TestApp, type TestResponse } from '../support/test-app';
import { giveStaticToken } from '../system-data/system-data-fixture';

/**
 * The harness of the SDK compatibility suite: one API server per spec file, one project per SDK version (so the
 * two versions never see each other's rows), the official client pointed at `http://127.0.0.1:<port>/<project>`
 * with a recording `fetch`, and a table of cases run once per SDK version.
 */

export const PASSWORD = 'password-123';

/** The two installed SDKs: `directus-sdk-18` is an npm alias of `@directus/sdk@18.0.3`. */
export type SdkVersion = '18' | '26';
export const SDK_VERSIONS: readonly SdkVersion[] = ['18', '26'];

type Sdk26 = typeof import('@directus/sdk');
type Sdk18 = typeof import('directus-sdk-18');

/** The commands whose signatures differ between 18 and 26; every other command is called the same way. */
type VersionSpecific =
  'login' | 'logout' | 'refresh' | 'schemaSnapshot' | 'schemaDiff' | 'schemaApply' | 'authentication';

/**
 * What both versions export with the same call shape. It is typed with 26's declarations: 18's are the same
 * functions (same paths, bodies and parameters at run time) under older, slightly different generic types.
 * The few commands only 26 has (`updateFields`, `updateCommentsBatch`, …) are typed here too: their cases
 * run for 26 only (`SdkCase.versions`).
 */
export type SharedSdk = Omit<Sdk26, VersionSpecific>;

// ---------------------------------------------------------------------------------------------- test schema

export interface Author {
  id: number;
  name: string | null;
  articles: number[] | Article[];
}

export interface Article {
  id: number;
  title: string | null;
  status: string | null;
  views: number | null;
  price: string | null;
  author: number | Author | null;
}

export interface Note {
  id: number;
  title: string | null;
  status: string | null;
  views: number | null;
}

export interface Site {
  id: number;
  headline: string | null;
}

/** The user collections the specs create; system collections come from the SDK's own core schema. */
export interface TestSchema {
  articles: Article[];
  authors: Author[];
  notes: Note[];
  site: Site;
}

export type Client = DirectusClient<TestSchema> & RestClient<TestSchema> & StaticTokenClient<TestSchema>;

/**
 * The SDK's own escape hatch: with an `any` schema its Query types fall back to plain strings and records, for
 * the cases that send what the typed schema forbids (dot paths, aliases, unknown collections or fields).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK switches its types off for `any` only
export type LooseSchema = any;
export type LooseClient = RestClient<LooseSchema>;

/** A client of `authentication()`, with 18's and 26's differing `login`/`refresh`/`logout` made one shape. */
export interface AuthClient {
  login(email: string, password: string, options?: LoginOptions): Promise<AuthenticationData>;
  refresh(): Promise<AuthenticationData>;
  logout(): Promise<void>;
  getToken(): Promise<string | null>;
  request<Output>(command: RestCommand<Output, TestSchema>): Promise<Output>;
}

// ------------------------------------------------------------------------------------------ recording fetch

export interface Exchange {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  status: number;
  responseHeaders: Record<string, string>;
  responseText: string;
}

/**
 * A `fetch` for the SDK's `globals` that records every exchange (so a failing case can print exactly what the
 * SDK sent and what the server answered) and, like a browser with `credentials: 'include'`, keeps the cookies
 * the server sets and sends them back.
 */
export class Recorder {
  readonly exchanges: Exchange[] = [];
  private readonly jar = new Map<string, string>();

  readonly fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    const headers = new Headers(init.headers);
    if (this.jar.size > 0 && !headers.has('cookie'))
      headers.set('cookie', [...this.jar].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(url, { ...init, headers });
    for (const line of response.headers.getSetCookie()) this.storeCookie(line);
    // Bytes as they came (an asset is binary); the record keeps their text form.
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString();
    this.exchanges.push({
      method: init.method ?? 'GET',
      url,
      headers: {
        ...Object.fromEntries(headers),
        // fetch adds the multipart type (with its boundary) itself, after this wrapper has seen the headers.
        ...(init.body instanceof FormData && !headers.has('content-type')
          ? { 'content-type': 'multipart/form-data (boundary set by fetch)' }
          : {}),
      },
      body:
        init.body === undefined || init.body === null
          ? undefined
          : typeof init.body === 'string'
            ? init.body
            : `[${init.body.constructor.name}]`,
      status: response.status,
      responseHeaders: Object.fromEntries(response.headers),
      responseText: text,
    });
    const copied = new Headers(response.headers);
    copied.delete('content-encoding');
    copied.delete('content-length');
    const nullBody = response.status === 204 || response.status === 304;
    return new Response(nullBody ? null : bytes, {
      status: response.status,
      statusText: response.statusText,
      headers: copied,
    });
  };

  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  clearCookies(): void {
    this.jar.clear();
  }

  /** The last exchange, or the last one whose `METHOD path` (below the project) matches. */
  last(match?: RegExp): Exchange {
    const list = match
      ? this.exchanges.filter((x) => match.test(`${x.method} ${new URL(x.url).pathname}`))
      : this.exchanges;
    const found = list[list.length - 1];
    assert.ok(found, `no recorded exchange${match ? ` matching ${match}` : ''}`);
    return found;
  }

  /** The last exchange's response body as JSON. */
  lastJson(match?: RegExp): unknown {
    return JSON.parse(this.last(match).responseText);
  }

  describe(from = 0): string {
    return this.exchanges
      .slice(from)
      .map((x) => {
        const shown = ['content-type', 'authorization', 'cookie']
          .filter((name) => x.headers[name] !== undefined)
          .map((name) => `${name}: ${name === 'content-type' ? x.headers[name] : '<present>'}`);
        const url = new URL(x.url);
        return [
          `→ ${x.method} ${decodeURIComponent(url.pathname + url.search)}`,
          ...shown.map((line) => `    ${line}`),
          ...(x.body === undefined ? [] : [`    body: ${truncate(x.body)}`]),
          `← ${x.status} ${truncate(x.responseText)}`,
        ].join('\n');
      })
      .join('\n');
  }

  private storeCookie(line: string): void {
    const [pair, ...attributes] = line.split(';');
    const at = pair.indexOf('=');
    const name = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /expires=.*1970/i.test(a));
    if (expired || value === '') this.jar.delete(name);
    else this.jar.set(name, value);
  }
}

function truncate(text: string, max = 600): string {
  return text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
}

// ------------------------------------------------------------------------------------------------- adapter

/** One SDK version: its shared commands plus the few whose signatures changed between 18 and 26. */
export interface SdkAdapter {
  version: SdkVersion;
  sdk: SharedSdk;
  /** Whether this version exports the command at all. */
  has(command: string): boolean;
  loginCommand(
    email: string,
    password: string,
    options?: LoginOptions,
  ): RestCommand<AuthenticationData, TestSchema>;
  refreshCommand(options: {
    refresh_token?: string;
    mode?: AuthenticationMode;
  }): RestCommand<AuthenticationData, TestSchema>;
  logoutCommand(options: {
    refresh_token?: string;
    mode?: AuthenticationMode;
  }): RestCommand<void, TestSchema>;
  schemaSnapshot(): RestCommand<SchemaSnapshotOutput, TestSchema>;
  schemaDiff(snapshot: SchemaSnapshotOutput, force?: boolean): RestCommand<SchemaDiffOutput, TestSchema>;
  schemaApply(diff: SchemaDiffOutput): RestCommand<void, TestSchema>;
  staticClient(base: string, token: string, fetch: Recorder['fetch']): Client;
  /** `authentication(mode)` + `rest()`, both with `credentials: 'include'` as a browser app would set. */
  authClient(base: string, mode: AuthenticationMode, fetch: Recorder['fetch']): AuthClient;
}

export async function loadSdk(version: SdkVersion): Promise<SdkAdapter> {
  // Both are ES modules (the CommonJS build would do too, but the import is what applications write).
  if (version === '26') {
    const sdk: Sdk26 = await import('@directus/sdk');
    return {
      version,
      sdk,
      has: (command) => command in sdk,
      loginCommand: (email, password, options) => sdk.login({ email, password }, options),
      refreshCommand: (options) => sdk.refresh(options),
      logoutCommand: (options) => sdk.logout(options),
      schemaSnapshot: () => sdk.schemaSnapshot(),
      schemaDiff: (snapshot, force) => sdk.schemaDiff(snapshot, force === undefined ? undefined : { force }),
      schemaApply: (diff) => sdk.schemaApply(diff),
      staticClient: (base, token, fetch) =>
        sdk
          .createDirectus<TestSchema>(base, { globals: { fetch } })
          .with(sdk.rest())
          .with(sdk.staticToken(token)),
      authClient: (base, mode, fetch) => {
        const client = sdk
          .createDirectus<TestSchema>(base, { globals: { fetch } })
          .with(sdk.authentication(mode, { autoRefresh: false, credentials: 'include' }))
          .with(sdk.rest({ credentials: 'include' }));
        return {
          login: (email, password, options) => client.login({ email, password }, options),
          refresh: () => client.refresh(),
          logout: () => client.logout(),
          getToken: () => client.getToken(),
          request: (command) => client.request(command),
        };
      },
    };
  }
  const sdk: Sdk18 = await import('directus-sdk-18');
  // 18's commands are called exactly as 26's for everything in SharedSdk (see its comment).
  const shared = sdk as unknown as SharedSdk;
  return {
    version,
    sdk: shared,
    has: (command) => command in sdk,
    loginCommand: (email, password, options) => sdk.login<TestSchema>(email, password, options),
    refreshCommand: (options) => sdk.refresh<TestSchema>(options.mode, options.refresh_token),
    logoutCommand: (options) => sdk.logout<TestSchema>(options.refresh_token, options.mode),
    schemaSnapshot: () => sdk.schemaSnapshot<TestSchema>() as RestCommand<SchemaSnapshotOutput, TestSchema>,
    schemaDiff: (snapshot, force) =>
      sdk.schemaDiff<TestSchema>(snapshot, force) as RestCommand<SchemaDiffOutput, TestSchema>,
    schemaApply: (diff) => sdk.schemaApply<TestSchema>(diff),
    staticClient: (base, token, fetch) =>
      sdk
        .createDirectus<TestSchema>(base, { globals: { fetch } })
        .with(sdk.rest())
        .with(sdk.staticToken(token)) as unknown as Client,
    authClient: (base, mode, fetch) => {
      const client = sdk
        .createDirectus<TestSchema>(base, { globals: { fetch } })
        .with(sdk.authentication(mode, { autoRefresh: false, credentials: 'include' }))
        .with(sdk.rest({ credentials: 'include' }));
      return {
        login: (email, password, options) => client.login(email, password, options),
        refresh: () => client.refresh(),
        logout: () => client.logout(),
        getToken: () => client.getToken(),
        request: <Output>(command: RestCommand<Output, TestSchema>) => client.request<Output>(command),
      };
    },
  };
}

// ----------------------------------------------------------------------------------------------- contexts

export interface SdkServer {
  t: TestApp;
  origin: string;
  /** The SMTP sink the server mails to, when the file asked for one (`configureSdkServer({ mail: true })`). */
  sink?: SmtpSink;
  close(): Promise<void>;
}

export interface SdkServerOptions {
  /** Environment for the API (on top of TestApp's). */
  env?: Record<string, string>;
  /** Mail through an in-process SMTP sink. */
  mail?: boolean;
}

export async function startSdkServer(options: SdkServerOptions = {}): Promise<SdkServer> {
  const sink = options.mail ? await SmtpSink.start() : undefined;
  const t = await TestApp.start({ ...(sink ? sink.env() : {}), ...options.env });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return {
    t,
    origin: `http://127.0.0.1:${port}`,
    sink,
    close: async () => {
      await t.close();
      await sink?.close();
    },
  };
}

/** Everything a case gets: its SDK version, a project of its own, an admin client, raw calls for set-up. */
export interface SdkContext extends SdkAdapter {
  server: SdkServer;
  t: TestApp;
  key: string;
  base: string;
  adminEmail: string;
  adminToken: string;
  adminId: string;
  recorder: Recorder;
  /** The admin's client: `rest()` + `staticToken()`. */
  client: Client;
  /** The same client, untyped (see LooseSchema). */
  loose: LooseClient;
  /** A client for another static token, on the same recorder. */
  clientFor(token: string): Client;
  /** A client with no token at all (the public policy). */
  anonymous(): Client;
  /** A direct API call as the admin (set-up and checks that must not depend on the SDK). */
  raw(method: string, path: string, body?: unknown, token?: string): Promise<TestResponse>;
  /** As `raw`, asserting a 2xx answer. */
  ok(method: string, path: string, body?: unknown): Promise<TestResponse>;
}

export async function sdkContext(server: SdkServer, key: string, version: SdkVersion): Promise<SdkContext> {
  const { t } = server;
  await t.createProject(key);
  const adminEmail = `admin@${key}.test`;
  const adminToken = `${key}-admin-static-token`;
  await giveStaticToken(t, key, adminEmail, adminToken);
  const adapter = await loadSdk(version);
  const recorder = new Recorder();
  const base = `${server.origin}/${key}`;
  const raw = (method: string, path: string, body?: unknown, token: string = adminToken) =>
    t.request(method, `/${key}${path}`, { token, ...(body === undefined ? {} : { body }) });
  const client = adapter.staticClient(base, adminToken, recorder.fetch);
  const me = await raw('GET', '/users/me?fields=id');
  assert.equal(me.status, 200, me.text);
  return {
    ...adapter,
    server,
    t,
    key,
    base,
    adminEmail,
    adminToken,
    adminId: me.body.data.id,
    recorder,
    client,
    loose: client as LooseClient,
    clientFor: (token) => adapter.staticClient(base, token, recorder.fetch),
    // An empty static token sends no Authorization header at all.
    anonymous: () => adapter.staticClient(base, '', recorder.fetch),
    raw,
    ok: async (method, path, body) => {
      const response = await raw(method, path, body);
      assert.ok(
        response.status >= 200 && response.status < 300,
        `set-up ${method} ${path}: ${response.status} ${response.text}`,
      );
      return response;
    },
  };
}

// ------------------------------------------------------------------------------------------------- cases

export interface SdkCase {
  name: string;
  /** Only for these versions (a command one version does not have); every version by default. */
  versions?: readonly SdkVersion[];
  run(ctx: SdkContext): Promise<void>;
}

let fileServer: Promise<SdkServer> | undefined;
let fileServerOptions: SdkServerOptions = {};
let closeRegistered = false;

/** How the spec file's server starts; call before the first `describeSdk` of the file. */
export function configureSdkServer(options: SdkServerOptions): void {
  fileServerOptions = options;
}

/** The spec file's one server, started lazily by the first suite that needs it. */
function sharedServer(): Promise<SdkServer> {
  fileServer ??= startSdkServer(fileServerOptions);
  return fileServer;
}

/** Registers, at the file's top level and once, the hook that closes the file's server after its last test. */
function closeServerAfterFile(): void {
  if (closeRegistered) return;
  closeRegistered = true;
  after(async () => {
    if (fileServer) await (await fileServer).close();
  });
}

/**
 * Runs the table of cases once per SDK version, each version on its own project (`<prefix>18`, `<prefix>26`)
 * of the file's one server. A failing case's error carries every request the SDK sent in it and what the server
 * answered.
 */
export function describeSdk(
  title: string,
  prefix: string,
  cases: readonly SdkCase[],
  setup: (ctx: SdkContext) => Promise<void> = async () => undefined,
): void {
  closeServerAfterFile();
  for (const version of SDK_VERSIONS) {
    describe(`${title} (@directus/sdk ${version === '18' ? '18.0.3' : '26.0.0'})`, () => {
      let ctx: SdkContext;
      before(async () => {
        ctx = await sdkContext(await sharedServer(), `${prefix}${version}`, version);
        await setup(ctx);
      });
      for (const entry of cases) {
        if (entry.versions && !entry.versions.includes(version)) continue;
        it(entry.name, () => runCase(ctx, entry));
      }
    });
  }
}

async function runCase(ctx: SdkContext, entry: SdkCase): Promise<void> {
  const from = ctx.recorder.exchanges.length;
  try {
    await entry.run(ctx);
  } catch (error) {
    const exchanges = ctx.recorder.describe(from);
    if (!exchanges) throw error;
    // 26 rejects with a RequestError, 18 with a plain `{errors, response}` object.
    const message =
      error instanceof Error
        ? error.message
        : `the SDK rejected with ${JSON.stringify((error as { errors?: unknown })?.errors ?? error)}`;
    throw new Error(`${message}\n--- what the SDK sent and the server answered ---\n${exchanges}`, {
      cause: error,
    });
  }
}

// ---------------------------------------------------------------------------------------------- assertions

/** The status and first error code of a rejected SDK call (26 throws a `RequestError`, 18 a plain object). */
export function sdkFailure(error: unknown): { status?: number; code?: string; message?: string } {
  const value = error as {
    response?: { status?: number };
    errors?: Array<{ message?: string; extensions?: { code?: string } }>;
  };
  return {
    status: value?.response?.status,
    code: value?.errors?.[0]?.extensions?.code,
    message: value?.errors?.[0]?.message,
  };
}

/** Asserts that an SDK call is refused with this HTTP status and Directus error code. */
export async function rejectsWith(promise: Promise<unknown>, status: number, code: string): Promise<void> {
  let failure: ReturnType<typeof sdkFailure> | undefined;
  try {
    await promise;
  } catch (error) {
    failure = sdkFailure(error);
  }
  assert.ok(failure, `expected ${status} ${code}, but the call succeeded`);
  assert.deepEqual({ status: failure.status, code: failure.code }, { status, code }, failure.message);
}

/**
 * Asserts that the server answered 204 and that the SDK handed back no data for it (26 gives `null`; 18 hands
 * back the bare `Response` of a body-less answer).
 */
export function assertNoContent(result: unknown, recorder: Recorder): void {
  assert.equal(recorder.last().status, 204, 'the server answers 204 No Content');
  if (result instanceof Response) assert.equal(result.status, 204);
  else assert.ok(result === null || result === undefined, `expected no data, got ${JSON.stringify(result)}`);
}

/** A random suffix, for names that must be unique within a project. */
export function unique(prefix: string): string {
  return `${prefix}_${Math.random().toString(36).slice(2, 8)}`;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A `notes` collection (integer key, `title`, and any `extra` fields) in the context's project. */
export async function createNotes(
  ctx: Pick<SdkContext, 'ok'>,
  extra: ReadonlyArray<Record<string, unknown>> = [],
): Promise<void> {
  await ctx.ok('POST', '/collections', {
    collection: 'notes',
    fields: [
      { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
      { field: 'title', type: 'string', schema: {} },
      ...extra,
    ],
  });
}
