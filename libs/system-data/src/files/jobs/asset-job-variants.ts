import { ASSET_METADATA_VARIANT } from '@atrium/jobs';
import { SYSTEM_PRESETS, TRANSFORMABLE_TYPES, type AssetSettings } from '@atrium/media';

/** Project presets pre-generated per upload at most; more are still made on first request. */
export const MAX_PROJECT_PRESET_JOBS = 20;

/** A preset key that can be a job id part (`<project>:<file>:<variant>` forbids ':'). */
const JOB_SAFE_KEY = /^[^:]{1,100}$/;

/** The project's own preset keys worth pre-generating: none when its settings forbid them (`none`). */
export function projectPresetKeys(settings: AssetSettings): string[] {
  if (settings.transform === 'none' || !Array.isArray(settings.presets)) return [];
  const keys = settings.presets.flatMap((preset: unknown) => {
    const key = typeof preset === 'object' && preset !== null ? (preset as { key?: unknown }).key : undefined;
    return typeof key === 'string' && JOB_SAFE_KEY.test(key) && !(key in SYSTEM_PRESETS) ? [key] : [];
  });
  return [...new Set(keys)].slice(0, MAX_PROJECT_PRESET_JOBS);
}

/**
 * The jobs one new file gets: its metadata, and for a transformable image every system preset and the
 * project's `presetKeys`.
 */
export function assetJobVariants(type: string | null, presetKeys: readonly string[]): string[] {
  if (type === null || !TRANSFORMABLE_TYPES.includes(type)) return [ASSET_METADATA_VARIANT];
  return [ASSET_METADATA_VARIANT, ...Object.keys(SYSTEM_PRESETS), ...presetKeys];
}
