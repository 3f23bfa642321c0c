import type { AssetSettings } from '@atrium/media';
import type { Pool, PoolClient } from 'pg';

interface AssetSettingsRow {
  storage_asset_transform: string | null;
  storage_asset_presets: unknown;
}

/**
 * The project's asset settings, read by the server: they govern every caller alike, and the `assets` jobs
 * read them the same way so a preset means the same in both.
 */
export async function readAssetSettings(db: Pool | PoolClient): Promise<AssetSettings> {
  const { rows } = await db.query<AssetSettingsRow>(
    'SELECT storage_asset_transform, storage_asset_presets FROM directus_settings ORDER BY id LIMIT 1',
  );
  return {
    transform: rows[0]?.storage_asset_transform ?? 'all',
    presets: rows[0]?.storage_asset_presets ?? null,
  };
}
