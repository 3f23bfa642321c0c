import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from './load-config';
import { problemsOf, VALID_ENV } from './testing/config-env';

const valid = VALID_ENV;

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(valid);
    assert.equal(config.port, 8055);
    assert.equal(config.tenantDbPrefix, 'atrium_');
    assert.deepEqual(config.tenantDbServers, [{ name: 'default', url: valid.DATABASE_URL }]);
    assert.deepEqual(config.tenantPool, {
      size: 5,
      poolsMax: 100,
      connectionsMax: 50,
      preparedStatementsMax: 100,
      idleMs: 60_000,
      connectTimeoutMs: 5_000,
      statementTimeoutMs: 15_000,
    });
    assert.equal(config.redisUrl, null);
    assert.equal(config.maxPayloadSize, 1024 * 1024);
    assert.equal(config.publicUrl, 'http://localhost:8055');
  });

  it('namespaces the BullMQ keys under JOBS_PREFIX, atrium by default', () => {
    assert.equal(loadConfig(valid).jobsPrefix, 'atrium');
    assert.equal(loadConfig({ ...valid, JOBS_PREFIX: 'staging-2' }).jobsPrefix, 'staging-2');
    assert.throws(() => loadConfig({ ...valid, JOBS_PREFIX: 'a:b' }), /JOBS_PREFIX must be/);
  });

  it('gives BullMQ workers a 30 s job lock and stalled-job check unless configured, within 1 s to 1 h', () => {
    const defaults = loadConfig(valid);
    assert.deepEqual([defaults.jobsLockDurationMs, defaults.jobsStalledIntervalMs], [30_000, 30_000]);
    const quick = loadConfig({ ...valid, JOBS_LOCK_DURATION: '2s', JOBS_STALLED_INTERVAL: '1500ms' });
    assert.deepEqual([quick.jobsLockDurationMs, quick.jobsStalledIntervalMs], [2_000, 1_500]);
    assert.deepEqual(problemsOf({ ...valid, JOBS_LOCK_DURATION: '500ms', JOBS_STALLED_INTERVAL: '2h' }), [
      'JOBS_LOCK_DURATION must be a duration from 1s to 1h',
      'JOBS_STALLED_INTERVAL must be a duration from 1s to 1h',
    ]);
    assert.deepEqual(problemsOf({ ...valid, JOBS_LOCK_DURATION: 'soon' }), [
      'JOBS_LOCK_DURATION must be a duration such as 500ms, 30s, 15m, 7d',
    ]);
  });

  it('reads the log style, the project rate-limit default and the shutdown timeout, and names bad values', () => {
    const defaults = loadConfig(valid);
    assert.deepEqual(defaults.projectRateLimit, { points: 0, duration: 1 });
    assert.equal(defaults.shutdownTimeoutMs, 25_000);
    const set = loadConfig({
      ...valid,
      LOG_STYLE: 'pretty',
      PROJECT_RATE_LIMIT_POINTS: '500',
      PROJECT_RATE_LIMIT_DURATION: '60',
      SHUTDOWN_TIMEOUT: '5s',
    });
    assert.equal(set.logStyle, 'pretty');
    assert.deepEqual(set.projectRateLimit, { points: 500, duration: 60 });
    assert.equal(set.shutdownTimeoutMs, 5_000);
    assert.deepEqual(
      problemsOf({
        ...valid,
        LOG_STYLE: 'fancy',
        PROJECT_RATE_LIMIT_POINTS: '-1',
        PROJECT_RATE_LIMIT_DURATION: '0',
        SHUTDOWN_TIMEOUT: 'later',
      }),
      [
        'SHUTDOWN_TIMEOUT must be a duration such as 500ms, 30s, 15m, 7d',
        'PROJECT_RATE_LIMIT_POINTS must be a whole number from 0 to 1000000000',
        'PROJECT_RATE_LIMIT_DURATION must be a whole number from 1 to 86400',
        'LOG_STYLE must be json or pretty',
      ],
    );
  });

  it('imports files from public addresses only, within 10 s, unless configured otherwise', () => {
    assert.deepEqual(loadConfig(valid).fileImport, { ipAllowList: [], ipDenyList: [], timeoutMs: 10_000 });
    const config = loadConfig({
      ...valid,
      IMPORT_IP_ALLOW_LIST: '127.0.0.1, 10.0.0.0/8,::1',
      IMPORT_IP_DENY_LIST: '10.9.0.0/16',
      IMPORT_TIMEOUT_MS: '2500',
    });
    assert.deepEqual(config.fileImport, {
      ipAllowList: ['127.0.0.1', '10.0.0.0/8', '::1'],
      ipDenyList: ['10.9.0.0/16'],
      timeoutMs: 2500,
    });
  });

  it('refuses import address lists that are not IPs or CIDRs, and a bad import timeout', () => {
    const problems = problemsOf({
      ...valid,
      IMPORT_IP_ALLOW_LIST: '127.0.0.1,localhost',
      IMPORT_IP_DENY_LIST: '10.0.0.0/40',
      IMPORT_TIMEOUT_MS: '5',
    });
    assert.equal(problems.length, 3, problems.join('; '));
    assert.ok(problems.some((p) => p.startsWith('IMPORT_IP_ALLOW_LIST') && p.includes('"localhost"')));
    assert.ok(problems.some((p) => p.startsWith('IMPORT_IP_DENY_LIST') && p.includes('"10.0.0.0/40"')));
    assert.ok(problems.some((p) => p.startsWith('IMPORT_TIMEOUT_MS')));
  });

  it('builds the database URL from DB_* variables', () => {
    const config = loadConfig({
      ...valid,
      DATABASE_URL: undefined,
      DB_HOST: 'db',
      DB_USER: 'u',
      DB_PASSWORD: 'p@ss',
    });
    assert.equal(config.databaseUrl, 'postgres://u:p%40ss@db:5432/atrium');
  });

  it('bounds tenant connections over every pool, never below one pool', () => {
    assert.equal(loadConfig({ ...valid, TENANT_CONNECTIONS_MAX: '30' }).tenantPool.connectionsMax, 30);
    assert.equal(loadConfig({ ...valid, TENANT_POOL_SIZE: '80' }).tenantPool.connectionsMax, 80);
    assert.deepEqual(problemsOf({ ...valid, TENANT_POOL_SIZE: '10', TENANT_CONNECTIONS_MAX: '4' }), [
      'TENANT_CONNECTIONS_MAX (4) must be at least TENANT_POOL_SIZE (10), or one busy project could never fill its pool',
    ]);
    assert.ok(problemsOf({ ...valid, TENANT_CONNECTIONS_MAX: '0' })[0].startsWith('TENANT_CONNECTIONS_MAX'));
    assert.ok(
      problemsOf({ ...valid, TENANT_PREPARED_STATEMENTS_MAX: 'x' })[0].startsWith(
        'TENANT_PREPARED_STATEMENTS_MAX',
      ),
    );
  });

  it('parses several tenant database servers', () => {
    const config = loadConfig({ ...valid, TENANT_DB_SERVERS: 'a=postgres://h1/x, b=postgres://h2/y' });
    assert.deepEqual(
      config.tenantDbServers.map((server) => server.name),
      ['a', 'b'],
    );
  });

  it('names every bad or missing variable, one line each', () => {
    const problems = problemsOf({ PORT: 'x', TENANT_POOLS_MAX: '-3', QUERY_LIMIT_MAX: 'lots' });
    for (const name of [
      'PORT',
      'TENANT_POOLS_MAX',
      'QUERY_LIMIT_MAX',
      'DATABASE_URL',
      'SECRET',
      'SUPER_ADMIN_TOKEN',
    ]) {
      assert.ok(
        problems.some((problem) => problem.startsWith(name)),
        `${name} not reported in ${JSON.stringify(problems)}`,
      );
    }
  });

  it('rejects duplicate server names, bad prefixes and sizes', () => {
    assert.ok(problemsOf({ ...valid, TENANT_DB_SERVERS: 'a=postgres://h/x,a=postgres://h/y' }).length > 0);
    assert.ok(problemsOf({ ...valid, TENANT_DB_PREFIX: 'Bad-Prefix' })[0].startsWith('TENANT_DB_PREFIX'));
    assert.ok(problemsOf({ ...valid, MAX_PAYLOAD_SIZE: 'huge' })[0].startsWith('MAX_PAYLOAD_SIZE'));
    assert.ok(problemsOf({ ...valid, EMAIL_TRANSPORT: 'smtp' })[0].startsWith('EMAIL_SMTP_HOST'));
  });

  it('treats empty values as unset', () => {
    assert.equal(loadConfig({ ...valid, PORT: '' }).port, 8055);
  });

  it("reads CORS_* with Directus's defaults", () => {
    assert.deepEqual(loadConfig(valid).cors, {
      enabled: false,
      origin: true,
      methods: ['GET', 'POST', 'PATCH', 'DELETE'],
      allowedHeaders: ['Content-Type', 'Authorization'],
      exposedHeaders: ['Content-Range'],
      credentials: true,
      maxAge: 18_000,
    });
    const cors = loadConfig({
      ...valid,
      CORS_ENABLED: 'true',
      CORS_ORIGIN: 'https://a.test, /\\.b\\.test$/',
      CORS_CREDENTIALS: 'false',
      CORS_MAX_AGE: '0',
    }).cors;
    assert.equal(cors.enabled, true);
    assert.equal(cors.credentials, false);
    assert.equal(cors.maxAge, 0);
    assert.ok(Array.isArray(cors.origin));
    assert.equal(cors.origin[0], 'https://a.test');
    assert.ok(cors.origin[1] instanceof RegExp && cors.origin[1].test('https://x.b.test'));
  });

  it('names each bad CORS value', () => {
    const problems = problemsOf({
      ...valid,
      CORS_ENABLED: 'yes',
      CORS_ORIGIN: 'https://a.test/,/(/',
      CORS_METHODS: 'GET;POST',
      CORS_MAX_AGE: '-1',
    });
    assert.ok(
      problems.some((p) => p.startsWith('CORS_ENABLED')),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => p.startsWith('CORS_METHODS')),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => p.startsWith('CORS_MAX_AGE')),
      problems.join('\n'),
    );
    assert.equal(problems.filter((p) => p.startsWith('CORS_ORIGIN')).length, 2, problems.join('\n'));
  });
});
