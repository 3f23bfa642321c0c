import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ipAllowed } from './ip-allowed';

describe('ipAllowed', () => {
  const cases: Array<[string | null, string | null, boolean]> = [
    [null, '10.0.0.1', true],
    ['', '10.0.0.1', true],
    [' , ', null, true],
    ['10.0.0.1', '10.0.0.1', true],
    ['10.0.0.1', '10.0.0.2', false],
    ['10.0.0.0/8, 192.168.1.1', '10.200.3.4', true],
    ['10.0.0.0/8, 192.168.1.1', '192.168.1.1', true],
    ['10.0.0.0/8', '11.0.0.1', false],
    ['10.0.0.0/8', '::ffff:10.1.2.3', true],
    ['::1', '::1', true],
    ['2001:db8::/32', '2001:db8::5', true],
    ['2001:db8::/32', '2001:db9::5', false],
    ['10.0.0.1', null, false],
    ['10.0.0.1', 'not-an-ip', false],
    ['nonsense', '10.0.0.1', false],
    ['10.0.0.0/99', '10.0.0.1', false],
    ['10.0.0.0/x', '10.0.0.1', false],
  ];
  for (const [list, ip, expected] of cases) {
    it(`${JSON.stringify(list)} × ${ip} → ${expected}`, () => assert.equal(ipAllowed(list, ip), expected));
  }
});
