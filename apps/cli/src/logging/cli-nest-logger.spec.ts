import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CliNestLogger } from './cli-nest-logger';

function capture(): { logger: CliNestLogger; lines: string[] } {
  const lines: string[] = [];
  return { logger: new CliNestLogger((line) => lines.push(line)), lines };
}

describe('CliNestLogger', () => {
  it('prints warnings with their context and structured fields on one line', () => {
    const { logger, lines } = capture();
    logger.warn(
      { err: { message: 'Connection\nterminated' }, server: 'eu-1' },
      'admin pool error',
      'DbServers',
    );
    assert.deepEqual(lines, [
      'warning: [DbServers] admin pool error (err=Connection terminated, server=eu-1)\n',
    ]);
  });

  it('prints plain errors without their stack', () => {
    const { logger, lines } = capture();
    logger.error('it broke', 'Error: it broke\n    at somewhere (file.ts:1:1)', 'Somewhere');
    assert.deepEqual(lines, ['error: [Somewhere] it broke\n']);
  });

  it("drops Nest's bootstrap failure report (main prints that error once) and anything below warn", () => {
    const { logger, lines } = capture();
    logger.error('connect ECONNREFUSED', 'Error: connect ECONNREFUSED\n    at x', 'ExceptionHandler');
    logger.log('Nest application successfully started', 'NestApplication');
    logger.debug('details');
    logger.verbose('more details');
    assert.deepEqual(lines, []);
  });
});
