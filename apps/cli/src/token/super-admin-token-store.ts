import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CliError } from '../errors/cli-error';

/** The file libs/bootstrap keeps generated secrets in (see local-secrets.ts); its other keys are kept. */
export const SECRETS_FILE = 'secrets.json';

function readSecrets(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(
      `cannot read ${file} (${(error as Error).message}); fix it, or move it away to start with new secrets`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CliError(
      `${file} does not hold a JSON object; fix it, or move it away to start with new secrets`,
    );
  }
  return parsed as Record<string, unknown>;
}

/**
 * Replaces the stored super-admin token with a new random one and returns it. The file is rewritten
 * atomically (a crash leaves the old or the new file, never half of one) and stays private (0600): it also
 * holds SECRET, which seals every project's JWT secret.
 */
export function rotateStoredSuperAdminToken(dataDir: string): { token: string; file: string } {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, SECRETS_FILE);
  const secrets = readSecrets(file);
  const token = randomBytes(32).toString('base64url');
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify({ ...secrets, SUPER_ADMIN_TOKEN: token }, null, 2)}\n`, {
      mode: 0o600,
    });
    chmodSync(temporary, 0o600); // the mode above is masked by the umask
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new CliError(
      `cannot write ${file} (${(error as Error).message}); check the data directory's permissions`,
    );
  }
  return { token, file };
}
