import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ImportError } from './import-error';
import { downloadName, hostAddress, importUrl } from './import-url';

describe('import URLs', () => {
  const hosts: Array<[string, string | null]> = [
    ['http://example.com/a.png', null],
    ['https://127.0.0.1:8080/', '127.0.0.1'],
    ['http://[::1]:3000/x', '::1'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
    // Numeric spellings of loopback reach the checks as 127.0.0.1.
    ['http://2130706433/', '127.0.0.1'],
    ['http://0x7f000001/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
  ];
  for (const [text, address] of hosts) {
    it(`${text} has the host address ${String(address)}`, () => {
      assert.equal(hostAddress(importUrl(text)), address);
    });
  }

  for (const text of [
    'ftp://example.com/a',
    'file:///etc/passwd',
    'gopher://x/',
    'data:text/plain,hi',
    'not a url',
    '',
  ]) {
    it(`refuses ${JSON.stringify(text)}`, () => {
      assert.throws(
        () => importUrl(text),
        (error: unknown) => error instanceof ImportError && error.failure === 'invalid-url',
      );
    });
  }

  const names: Array<[string, string | undefined, string]> = [
    ['http://h/images/cat.png', undefined, 'cat.png'],
    ['http://h/images/my%20cat.png?size=2', undefined, 'my cat.png'],
    ['http://h/', undefined, 'file'],
    ['http://h/bad%zz.txt', undefined, 'bad%zz.txt'],
    ['http://h/x', 'attachment; filename="report final.pdf"', 'report final.pdf'],
    ['http://h/x', 'attachment; filename=plain.txt', 'plain.txt'],
    ['http://h/x', 'attachment; filename*=UTF-8\'\'na%C3%AFve.txt; filename="naive.txt"', 'naïve.txt'],
    ['http://h/x', 'attachment; filename="../../etc/passwd"', 'passwd'],
    ['http://h/x', 'inline', 'x'],
  ];
  for (const [text, disposition, expected] of names) {
    it(`${text} with ${String(disposition)} downloads as ${expected}`, () => {
      assert.equal(downloadName(new URL(text), disposition), expected);
    });
  }
});
