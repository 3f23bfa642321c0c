import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

interface SecretsFile {
  SECRET?: string;
  SUPER_ADMIN_TOKEN?: string;
  demo_created?: boolean;
}

export interface LocalSecrets {
  /** True when this start generated the super-admin token: print it once. */
  generatedSuperAdminToken: boolean;
  /** True until the demo project has been created once. */
  demoPending: boolean;
  markDemoCreated(): void;
}

const FILE_NAME = 'secrets.json';

function read(file: string): SecretsFile {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SecretsFile) : {};
}

function write(file: string, secrets: SecretsFile): void {
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/**
 * First start on a fresh machine: `SECRET` and `SUPER_ADMIN_TOKEN` that the environment does not set are
 * generated once and kept in `<DATA_DIR>/secrets.json` (mode 0600), so later starts reuse them silently.
 * Values from the environment always win and are never written to the file.
 */
export function ensureLocalSecrets(env: NodeJS.ProcessEnv, dataDir: string): LocalSecrets {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, FILE_NAME);
  const stored = read(file);
  let changed = false;
  let generatedSuperAdminToken = false;
  if (!env.SECRET) {
    if (!stored.SECRET) {
      stored.SECRET = randomBytes(48).toString('base64url');
      changed = true;
    }
    env.SECRET = stored.SECRET;
  }
  if (!env.SUPER_ADMIN_TOKEN) {
    if (!stored.SUPER_ADMIN_TOKEN) {
      stored.SUPER_ADMIN_TOKEN = randomBytes(32).toString('base64url');
      generatedSuperAdminToken = true;
      changed = true;
    }
    env.SUPER_ADMIN_TOKEN = stored.SUPER_ADMIN_TOKEN;
  }
  if (changed) write(file, stored);
  return {
    generatedSuperAdminToken,
    demoPending: stored.demo_created !== true,
    markDemoCreated: () => write(file, { ...read(file), demo_created: true }),
  };
}
