import { AtriumException } from '@atrium/core';
import {
  parseTransformation,
  TRANSFORMATION_PARAMETERS,
  type TransformationLimits,
} from './parse-transformation';
import type { Transformation } from './transformation';

/** Presets every project has (Directus's `system-*` keys, used by its Data Studio for thumbnails). */
export const SYSTEM_PRESETS: Readonly<Record<string, Transformation>> = {
  'system-small-cover': { width: 64, height: 64, fit: 'cover', format: 'auto' },
  'system-small-contain': { width: 64, fit: 'contain', format: 'auto' },
  'system-medium-cover': { width: 300, height: 300, fit: 'cover', format: 'auto' },
  'system-medium-contain': { width: 300, fit: 'contain', format: 'auto' },
  'system-large-cover': { width: 800, height: 800, fit: 'cover', format: 'auto' },
  'system-large-contain': { width: 800, fit: 'contain', format: 'auto' },
};

/** The project's `storage_asset_transform` and `storage_asset_presets` settings. */
export interface AssetSettings {
  transform: string | null;
  presets: unknown;
}

function invalid(message: string): AtriumException {
  return new AtriumException('INVALID_QUERY', message);
}

function projectPreset(settings: AssetSettings, key: string): Record<string, unknown> | undefined {
  if (!Array.isArray(settings.presets)) return undefined;
  return settings.presets.find(
    (preset): preset is Record<string, unknown> =>
      typeof preset === 'object' && preset !== null && (preset as { key?: unknown }).key === key,
  );
}

/** Whether the query names any transformation parameter (the settings need reading only then). */
export function asksForTransformation(query: Record<string, unknown>): boolean {
  return TRANSFORMATION_PARAMETERS.some((name) => query[name] !== undefined);
}

/**
 * The transformation an asset request asks for, or null for the original. The project's settings decide
 * what may be asked, as in Directus: `all` (any parameters; a `key` must name a preset), `presets` (only
 * `?key=` alone), `none` (only the system presets). `key` cannot be combined with other parameters.
 */
export function requestedTransformation(
  query: Record<string, unknown>,
  settings: AssetSettings,
  limits: TransformationLimits,
): Transformation | null {
  const asked = TRANSFORMATION_PARAMETERS.filter((name) => query[name] !== undefined);
  if (asked.length === 0) return null;
  const mode = settings.transform ?? 'all';
  if (query.key !== undefined) {
    if (asked.length > 1) {
      throw invalid(`You can't combine the "key" query parameter with any other transformation.`);
    }
    const key = String(query.key);
    const system = SYSTEM_PRESETS[key];
    if (system) return system;
    const preset = projectPreset(settings, key);
    if (!preset) throw invalid(`Key "${key}" isn't configured.`);
    if (mode === 'none') throw invalid('Dynamic asset generation has been disabled for this project.');
    return parseTransformation(preset, limits);
  }
  if (mode === 'presets') throw invalid('Only configured presets can be used in asset generation.');
  if (mode === 'none') throw invalid('Dynamic asset generation has been disabled for this project.');
  return parseTransformation(query, limits);
}
