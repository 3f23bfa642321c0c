import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cacheControlOf, dispositionOf, isActiveContent } from './asset-headers';

describe('asset headers', () => {
  for (const type of [
    'image/svg+xml',
    'text/html',
    'text/html; charset=utf-8',
    'application/xhtml+xml',
    'text/xml',
    'application/atom+xml',
    'application/pdf',
    'text/javascript',
  ]) {
    it(`${type} is active content, sent as an attachment`, () => {
      assert.equal(isActiveContent(type), true);
      assert.match(dispositionOf('x', type, false), /^attachment/);
    });
  }
  for (const type of ['image/png', 'image/jpeg', 'text/plain', 'application/json', 'video/mp4']) {
    it(`${type} is shown inline unless downloaded`, () => {
      assert.equal(isActiveContent(type), false);
      assert.equal(dispositionOf('photo.png', type, false), 'inline; filename="photo.png"');
      assert.equal(dispositionOf('photo.png', type, true), 'attachment; filename="photo.png"');
    });
  }
  it('names outside Latin-1 and with quotes stay one header value', () => {
    assert.equal(
      dispositionOf('写真 "x".png', 'image/png', false),
      `inline; filename="?? \\"x\\".png"; filename*=UTF-8''%E5%86%99%E7%9C%9F%20%22x%22.png`,
    );
  });
  it('Cache-Control is private once the request is authenticated', () => {
    assert.equal(cacheControlOf(false, 2_592_000_000), 'public, max-age=2592000');
    assert.equal(cacheControlOf(true, 60_000), 'private, max-age=60');
  });
});
