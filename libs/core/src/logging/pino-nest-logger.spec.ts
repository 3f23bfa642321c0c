import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pino from 'pino';
import { PinoNestLogger } from './pino-nest-logger';

function capture(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { nest: new PinoNestLogger(logger), lines };
}

describe('PinoNestLogger', () => {
  it("writes Nest's start-up wiring at debug, so info logs start quiet", () => {
    const quiet = capture('info');
    quiet.nest.log('Mapped {/:project/items/:collection, GET} route', 'RouterExplorer');
    quiet.nest.log('ItemsController {/:project/items/:collection}:', 'RoutesResolver');
    quiet.nest.log('ItemsModule dependencies initialized', 'InstanceLoader');
    quiet.nest.log('Nest application successfully started', 'NestApplication');
    assert.deepEqual(
      quiet.lines.map((line) => line.msg),
      ['Nest application successfully started'],
    );

    const verbose = capture('debug');
    verbose.nest.log('Mapped {/server/ping, GET} route', 'RouterExplorer');
    assert.equal(verbose.lines[0].level, 20);
    assert.equal(verbose.lines[0].context, 'RouterExplorer');
  });

  it('keeps objects as fields and the context', () => {
    const { nest, lines } = capture('info');
    nest.warn({ project: 'acme' }, 'pool error', 'TenantConnectionManager');
    assert.deepEqual(
      [lines[0].project, lines[0].msg, lines[0].context, lines[0].level],
      ['acme', 'pool error', 'TenantConnectionManager', 40],
    );
  });
});
