import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failureDetail, successDetail } from './probe-detail';

const TIME = '2026-01-01T00:00:00.000Z';
const pg = { componentType: 'datastore' };

describe('successDetail', () => {
  it('reports the response time, rounded to µs, with the default 150 ms threshold', () => {
    assert.deepEqual(successDetail(pg, {}, 0.48912, TIME), {
      status: 'ok',
      detail: {
        componentType: 'datastore',
        observedValue: 0.489,
        observedUnit: 'ms',
        time: TIME,
        threshold: 150,
      },
    });
  });

  // [elapsed ms, warnThresholdMs, expected status]
  const thresholds: Array<[number, number | undefined, 'ok' | 'warn']> = [
    [150, undefined, 'ok'],
    [150.001, undefined, 'warn'],
    [9, 10, 'ok'],
    [11, 10, 'warn'],
  ];
  for (const [elapsed, warnThresholdMs, expected] of thresholds) {
    it(`${elapsed} ms against ${warnThresholdMs ?? 'the default'} is ${expected}`, () => {
      const { status, detail } = successDetail({ ...pg, warnThresholdMs }, {}, elapsed, TIME);
      assert.equal(status, expected);
      assert.equal(detail.output === undefined, expected === 'ok');
    });
  }

  it('explains a slow warn', () => {
    const { detail } = successDetail({ ...pg, warnThresholdMs: 10 }, {}, 12.5, TIME);
    assert.equal(detail.output, 'Responded in 12.5 ms, over the 10 ms threshold.');
  });

  it("lets the probe's own status win over its speed", () => {
    assert.equal(successDetail(pg, { status: 'ok' }, 900, TIME).status, 'ok');
    assert.equal(successDetail(pg, { status: 'warn', output: 'Pool nearly full.' }, 1, TIME).status, 'warn');
    assert.equal(
      successDetail(pg, { status: 'warn', output: 'Pool nearly full.' }, 1, TIME).detail.output,
      'Pool nearly full.',
    );
  });

  it('drops output on ok, as the draft asks', () => {
    assert.equal(successDetail(pg, { output: 'all good' }, 1, TIME).detail.output, undefined);
  });

  it('uses a custom observation as given, without the response-time threshold', () => {
    const { detail } = successDetail(
      { componentType: 'queue' },
      { observedValue: 4, observedUnit: 'jobs' },
      2,
      TIME,
    );
    assert.deepEqual(detail, { componentType: 'queue', observedValue: 4, observedUnit: 'jobs', time: TIME });
  });

  it('keeps non-empty extras', () => {
    assert.deepEqual(successDetail(pg, { extra: { componentId: 'db-1' } }, 1, TIME).detail.extra, {
      componentId: 'db-1',
    });
    assert.equal(successDetail(pg, { extra: {} }, 1, TIME).detail.extra, undefined);
  });
});

describe('failureDetail', () => {
  it('carries only the component type, the time and the output', () => {
    assert.deepEqual(failureDetail(pg, 'Database unavailable.', TIME), {
      componentType: 'datastore',
      time: TIME,
      output: 'Database unavailable.',
    });
  });
});
