import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM_PRESETS } from '@atrium/media';
import { assetJobVariants, MAX_PROJECT_PRESET_JOBS, projectPresetKeys } from './asset-job-variants';

describe('assetJobVariants', () => {
  it('gives a transformable image its metadata, every system preset and the project presets', () => {
    assert.deepEqual(assetJobVariants('image/png', ['hero']), [
      'metadata',
      ...Object.keys(SYSTEM_PRESETS),
      'hero',
    ]);
  });

  it('gives any other file its metadata job only', () => {
    assert.deepEqual(assetJobVariants('application/pdf', ['hero']), ['metadata']);
    assert.deepEqual(assetJobVariants(null, []), ['metadata']);
  });
});

describe('projectPresetKeys', () => {
  it('keeps string keys that fit a job id, once, and not the system ones', () => {
    const presets = [
      { key: 'hero' },
      { key: 'hero' },
      { key: 'a:b' },
      { key: 7 },
      null,
      { key: 'system-small-cover' },
      { key: 'card' },
    ];
    assert.deepEqual(projectPresetKeys({ transform: 'all', presets }), ['hero', 'card']);
  });

  it('is empty when presets are not a list or generation is disabled', () => {
    assert.deepEqual(projectPresetKeys({ transform: 'all', presets: null }), []);
    assert.deepEqual(projectPresetKeys({ transform: 'none', presets: [{ key: 'hero' }] }), []);
  });

  it('caps how many are pre-generated', () => {
    const presets = Array.from({ length: MAX_PROJECT_PRESET_JOBS + 5 }, (_, n) => ({ key: `p${n}` }));
    assert.equal(projectPresetKeys({ transform: 'presets', presets }).length, MAX_PROJECT_PRESET_JOBS);
  });
});
