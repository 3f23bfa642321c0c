import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { titleFromFilename } from './file-title';

describe('file titles', () => {
  const titles: Array<[string, string]> = [
    ['my_photo-1.jpg', 'My Photo 1'],
    ['report.final.pdf', 'Report.final'],
    ['README', 'README'],
    ['../up/holiday snaps.png', 'Holiday Snaps'],
  ];
  for (const [original, expected] of titles) {
    it(`titles ${JSON.stringify(original)} as ${JSON.stringify(expected)}`, () => {
      assert.equal(titleFromFilename(original), expected);
    });
  }
});
