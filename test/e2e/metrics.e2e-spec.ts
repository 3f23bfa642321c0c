import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { SUPER_ADMIN_TOKEN, TestApp } from '../support/test-app';

const METRICS_TOKEN = 'metrics-scraper-token-1234';

interface Family {
  name: string;
  type: string;
  metrics: Array<{ labels?: Record<string, string>; value?: string; count?: string }>;
}

/** `GET /server/metrics`: Prometheus text a parser reads, its auth, and a project label that stays bounded. */
describe('/server/metrics', () => {
  let t: TestApp;
  const scrape = async (token = METRICS_TOKEN): Promise<Map<string, Family>> => {
    const res = await t.request('GET', '/server/metrics', { token });
    assert.equal(res.status, 200, res.text);
    assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    const families = parsePrometheusTextFormat(res.text) as Family[];
    return new Map(families.map((family) => [family.name, family]));
  };

  before(async () => {
    t = await TestApp.start({ METRICS_TOKEN, METRICS_PROJECTS_MAX: '2' });
    for (const key of ['m1', 'm2', 'm3', 'm4']) await t.createProject(key);
    for (const [key, times] of [
      ['m1', 5],
      ['m2', 4],
      ['m3', 1],
      ['m4', 1],
    ] as const) {
      for (let n = 0; n < times; n++)
        assert.equal((await t.request('GET', `/${key}/server/ping`)).status, 200);
    }
    await t.request('GET', '/nosuch/server/ping');
  });
  after(async () => {
    await t?.close();
  });

  it('parses, with requests by route template, status class and a capped project label', async () => {
    const families = await scrape();
    const requests = families.get('atrium_http_requests_total');
    assert.ok(requests, 'atrium_http_requests_total is exported');
    assert.equal(requests.type, 'COUNTER');
    const pings = requests.metrics.filter((m) => m.labels?.route === '/:project/server/ping');
    // Requests outside any project (and 404s) carry an empty project label.
    const projects = new Set(pings.map((m) => m.labels?.project).filter(Boolean));
    assert.ok(projects.size <= 3, `at most 2 projects and "other": ${[...projects].join(', ')}`);
    assert.ok(projects.has('other'));
    assert.ok(projects.has('m1') && projects.has('m2'));
    const count = (project: string, status: string) =>
      pings
        .filter((m) => m.labels?.project === project && m.labels?.status_class === status)
        .reduce((sum, m) => sum + Number(m.value), 0);
    assert.equal(count('m1', '2xx'), 5);
    assert.equal(count('other', '2xx'), 2);
    assert.ok(
      !requests.metrics.some((m) => m.labels?.project === 'nosuch'),
      'a made-up project never gets a label',
    );
    assert.ok(
      !requests.metrics.some((m) => /\/m\d\//.test(m.labels?.route ?? '')),
      'routes are templates, not URLs',
    );
    assert.equal(families.get('atrium_http_request_duration_seconds')?.type, 'HISTOGRAM');
  });

  it('exports pools, the queue, the schema cache, provisioning and the process', async () => {
    const families = await scrape(SUPER_ADMIN_TOKEN);
    assert.ok(Number(families.get('atrium_tenant_pools_open')?.metrics[0].value) >= 1);
    assert.ok(Number(families.get('atrium_tenant_pools_max')?.metrics[0].value) >= 1);
    assert.ok(families.get('atrium_tenant_connections_open'));
    assert.ok(families.get('atrium_tenant_pool_waiting'));
    const provision = families.get('atrium_project_provision_seconds');
    assert.ok(Number(provision?.metrics[0].count) >= 4, 'four projects provisioned');
    const states = new Set(families.get('atrium_queue_jobs')?.metrics.map((m) => m.labels?.state));
    // On BullMQ the API also counts the jobs it holds in the platform database while Redis is down.
    const held = t.config.redisUrl === null ? [] : ['held'];
    assert.deepEqual([...states].sort(), ['active', 'delayed', 'failed', ...held, 'waiting']);
    assert.ok(families.has('atrium_schema_cache_hits_total'));
    assert.ok(families.has('atrium_process_resident_memory_bytes'));
  });

  it('answers only the super-admin and METRICS_TOKEN', async () => {
    for (const token of [undefined, 'not-the-token-at-all']) {
      const res = await t.request('GET', '/server/metrics', { token });
      assert.equal(res.status, 401, String(token));
      assert.equal(res.body.errors[0].extensions.code, 'INVALID_CREDENTIALS');
    }
  });
});
