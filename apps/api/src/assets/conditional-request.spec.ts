import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isNotModified, rangeStillValid } from './conditional-request';

const current = { etag: '"abc"', modified: new Date('2026-05-01T10:00:00.500Z') };

describe('conditional requests', () => {
  it('If-None-Match decides when present, weak tags and lists included', () => {
    assert.equal(isNotModified({ 'if-none-match': '"abc"' }, current), true);
    assert.equal(isNotModified({ 'if-none-match': 'W/"abc"' }, current), true);
    assert.equal(isNotModified({ 'if-none-match': '"x", "abc"' }, current), true);
    assert.equal(isNotModified({ 'if-none-match': '*' }, current), true);
    assert.equal(
      isNotModified(
        { 'if-none-match': '"old"', 'if-modified-since': 'Fri, 01 May 2026 11:00:00 GMT' },
        current,
      ),
      false,
    );
  });
  it('If-Modified-Since compares whole seconds', () => {
    assert.equal(isNotModified({ 'if-modified-since': 'Fri, 01 May 2026 10:00:00 GMT' }, current), true);
    assert.equal(isNotModified({ 'if-modified-since': 'Fri, 01 May 2026 09:59:59 GMT' }, current), false);
    assert.equal(isNotModified({ 'if-modified-since': 'not a date' }, current), false);
    assert.equal(isNotModified({}, current), false);
  });
  it('If-Range keeps a range only for the current version', () => {
    assert.equal(rangeStillValid({}, current), true);
    assert.equal(rangeStillValid({ 'if-range': '"abc"' }, current), true);
    assert.equal(rangeStillValid({ 'if-range': '"old"' }, current), false);
    assert.equal(rangeStillValid({ 'if-range': 'Fri, 01 May 2026 10:00:00 GMT' }, current), true);
    assert.equal(rangeStillValid({ 'if-range': 'Fri, 01 May 2026 09:00:00 GMT' }, current), false);
  });
});
