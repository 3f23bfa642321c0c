import * as path from 'node:path';
import type { S3StorageLocation, StorageLocationConfig } from './app-config';

/** A location name must also make a variable name (`STORAGE_<LOCATION>_…`), so no dashes or dots. */
const LOCATION_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const HTTP_URL = /^https?:\/\/[^\s]+$/;
const BUCKET = /^[A-Za-z0-9][A-Za-z0-9._-]{1,254}$/;
const REGION = /^[A-Za-z0-9-]{1,64}$/;
const KEY_PREFIX_SEGMENT = /^[A-Za-z0-9._-]+$/;
const DRIVERS = ['local', 's3'];
/** What the AWS SDK needs to sign requests; S3-compatible servers accept it whatever their own region. */
const DEFAULT_REGION = 'us-east-1';

type Env = Readonly<Record<string, string | undefined>>;

/** The variables of one location, as Directus names them: `STORAGE_<LOCATION upper-cased>_<SETTING>`. */
function settingsOf(env: Env, location: string) {
  const prefix = `STORAGE_${location.toUpperCase()}_`;
  return {
    name: (setting: string) => `${prefix}${setting}`,
    value: (setting: string) => env[`${prefix}${setting}`],
  };
}

/** `STORAGE_<LOCATION>_ROOT` of an s3 location: slashes at either end dropped, no empty or `..` segments. */
function keyPrefixOf(text: string | undefined): string | null {
  const trimmed = (text ?? '').replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return '';
  const segments = trimmed.split('/');
  return segments.every((segment) => KEY_PREFIX_SEGMENT.test(segment) && segment !== '..' && segment !== '.')
    ? trimmed
    : null;
}

function s3Location(env: Env, location: string, problems: string[]): S3StorageLocation {
  const setting = settingsOf(env, location);
  const bucket = setting.value('BUCKET');
  if (bucket === undefined) {
    problems.push(`${setting.name('BUCKET')} must be set for the s3 storage location ${location}`);
  } else if (!BUCKET.test(bucket)) {
    problems.push(`${setting.name('BUCKET')} must be a bucket name`);
  }
  const key = setting.value('KEY') ?? null;
  const secret = setting.value('SECRET') ?? null;
  if ((key === null) !== (secret === null)) {
    problems.push(`${setting.name('KEY')} and ${setting.name('SECRET')} must be set together`);
  }
  const region = setting.value('REGION');
  if (region !== undefined && !REGION.test(region)) {
    problems.push(`${setting.name('REGION')} must be a region name such as us-east-1`);
  }
  const endpoint = setting.value('ENDPOINT');
  if (endpoint !== undefined && !HTTP_URL.test(endpoint)) {
    problems.push(`${setting.name('ENDPOINT')} must be an http(s) URL`);
  }
  const forcePathStyle = setting.value('FORCE_PATH_STYLE');
  if (forcePathStyle !== undefined && forcePathStyle !== 'true' && forcePathStyle !== 'false') {
    problems.push(`${setting.name('FORCE_PATH_STYLE')} must be true or false`);
  }
  const root = keyPrefixOf(setting.value('ROOT'));
  if (root === null) {
    problems.push(
      `${setting.name('ROOT')} must be a key prefix of letters, digits, '.', '_' and '-' separated by '/'`,
    );
  }
  return {
    name: location,
    driver: 's3',
    bucket: bucket ?? '',
    root: root ?? '',
    key,
    secret,
    region: region ?? DEFAULT_REGION,
    endpoint: endpoint?.replace(/\/+$/, '') ?? null,
    forcePathStyle: forcePathStyle === 'true',
  };
}

/**
 * `STORAGE_LOCATIONS` and each location's `STORAGE_<LOCATION>_…` variables, with Directus's defaults: one
 * location `local` whose driver is `local` and whose root is `STORAGE_LOCAL_ROOT` (`localRoot`). Any other
 * location must name its driver. Every bad or missing value adds one line to `problems`.
 */
export function parseStorageLocations(
  env: Env,
  localRoot: string,
  problems: string[],
): StorageLocationConfig[] {
  const names = (env.STORAGE_LOCATIONS ?? 'local').split(',').map((name) => name.trim());
  if (!names.every((name) => LOCATION_NAME.test(name))) {
    problems.push(
      'STORAGE_LOCATIONS must be a comma-separated list of location names (a letter, then letters, digits or underscores)',
    );
    return [];
  }
  if (new Set(names.map((name) => name.toUpperCase())).size !== names.length) {
    problems.push('STORAGE_LOCATIONS must not name a location twice');
    return [];
  }
  const locations: StorageLocationConfig[] = [];
  for (const location of names) {
    const setting = settingsOf(env, location);
    const isLocal = location.toUpperCase() === 'LOCAL';
    const driver = setting.value('DRIVER') ?? (isLocal ? 'local' : undefined);
    if (driver === undefined) {
      problems.push(
        `${setting.name('DRIVER')} must be set (local or s3) for the storage location ${location}`,
      );
    } else if (!DRIVERS.includes(driver)) {
      problems.push(`${setting.name('DRIVER')} must be local or s3`);
    } else if (driver === 's3') {
      locations.push(s3Location(env, location, problems));
    } else {
      const root = isLocal ? localRoot : setting.value('ROOT');
      if (root === undefined) {
        problems.push(`${setting.name('ROOT')} must be set for the local storage location ${location}`);
      } else {
        locations.push({ name: location, driver: 'local', root: path.resolve(root) });
      }
    }
  }
  return locations;
}

/**
 * `BACKUP_LOCATION`: a configured location's name, or `local` (always there: `STORAGE_LOCAL_ROOT`). Unset,
 * backups go where new files go, so a platform whose files are in a bucket keeps its backups there too.
 */
export function parseBackupLocation(
  value: string | undefined,
  locations: readonly StorageLocationConfig[],
  problems: string[],
): string {
  const fallback = locations[0]?.name ?? 'local';
  if (value === undefined) return fallback;
  const names = locations.map((location) => location.name);
  if (value === 'local' || names.includes(value)) return value;
  problems.push(`BACKUP_LOCATION must be local or one of STORAGE_LOCATIONS (${names.join(', ')})`);
  return fallback;
}
