import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressPolicy, isAddressRange, refusalOf } from './address-policy';

describe('import address policy', () => {
  const builtIn = addressPolicy({ allow: [], deny: [] });

  const refused: Array<[string, string]> = [
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['169.254.10.20', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['169.254.169.254', 'linkLocal'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::ffff:10.0.0.1', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.255', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    // IPv4-compatible (deprecated) and NAT64 spellings of loopback.
    ['::7f00:1', 'reserved'],
    ['64:ff9b::7f00:1', 'rfc6052'],
  ];
  for (const [address, kind] of refused) {
    it(`refuses ${address} (${kind})`, () => {
      const refusal = refusalOf(address, builtIn);
      assert.ok(refusal, `${address} must be refused`);
      assert.match(refusal, new RegExp(`a ${kind} address`));
    });
  }

  for (const address of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111']) {
    it(`allows the public address ${address}`, () => {
      assert.equal(refusalOf(address, builtIn), null);
    });
  }

  it('refuses what is not an IP address', () => {
    assert.match(refusalOf('localhost', builtIn) ?? '', /not an IP address/);
  });

  describe('configured lists', () => {
    const policy = addressPolicy({
      allow: ['127.0.0.1', '10.0.0.0/8', '::1'],
      deny: ['10.9.0.0/16', '93.184.216.0/24', '::ffff:8.8.8.8'],
      own: ['203.0.113.7', '198.51.100.20', 'fe80::1%eth0'],
    });
    const cases: Array<[string, 'allowed' | RegExp]> = [
      ['127.0.0.1', 'allowed'],
      ['::ffff:127.0.0.1', 'allowed'],
      ['127.0.0.2', /loopback/],
      ['::1', 'allowed'],
      ['10.20.30.40', 'allowed'],
      // The deny list wins over the allow list.
      ['10.9.1.1', /IMPORT_IP_DENY_LIST/],
      ['93.184.216.34', /IMPORT_IP_DENY_LIST/],
      ['8.8.8.8', /IMPORT_IP_DENY_LIST/],
      ['::ffff:808:808', /IMPORT_IP_DENY_LIST/],
      ['198.51.100.20', /address of this server/],
      ['1.1.1.1', 'allowed'],
    ];
    for (const [address, expected] of cases) {
      it(`${address}: ${String(expected)}`, () => {
        const refusal = refusalOf(address, policy);
        if (expected === 'allowed') assert.equal(refusal, null);
        else assert.match(refusal ?? '', expected);
      });
    }

    it('an IPv4-mapped CIDR covers the IPv4 range', () => {
      const mapped = addressPolicy({ allow: ['::ffff:192.168.0.0/112'], deny: [] });
      assert.equal(refusalOf('192.168.3.4', mapped), null);
      assert.match(refusalOf('192.169.3.4', mapped) ?? 'allowed', /allowed/);
    });
  });

  const ranges: Array<[string, boolean]> = [
    ['127.0.0.1', true],
    ['10.0.0.0/8', true],
    ['::1', true],
    ['fd00::/8', true],
    ['::ffff:10.0.0.0/104', true],
    ['10.0.0.0/33', false],
    ['example.com', false],
    ['', false],
    ['1.2.3.4/x', false],
  ];
  for (const [text, valid] of ranges) {
    it(`${JSON.stringify(text)} is ${valid ? '' : 'not '}an address range`, () => {
      assert.equal(isAddressRange(text), valid);
    });
  }
});
