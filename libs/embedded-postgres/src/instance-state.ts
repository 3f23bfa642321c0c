import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { errorCode } from './embedded-postgres.error';

/**
 * What a restart needs to reconnect: the superuser's credentials and the port of the last run, plus the pid
 * of the process that started the server (tells a crashed run's leftover server from a live sibling's).
 */
export interface InstanceState {
  user: string;
  password: string;
  port?: number;
  ownerPid?: number;
}

/** The superuser initdb creates; the platform connects as it, like to an external server. */
export const SUPERUSER = 'postgres';

export function generatePassword(): string {
  // Hex: nothing to escape in a URL, a connection string or the single-user SQL that may reset it.
  return randomBytes(24).toString('hex');
}

/** Parses state.json; undefined when it is unusable (the password is then reset, see reset-password.ts). */
export function parseInstanceState(text: string): InstanceState | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { user, password, port, ownerPid } = value as Record<string, unknown>;
  if (typeof user !== 'string' || !/^[a-z_][a-z0-9_]*$/.test(user)) return undefined;
  if (typeof password !== 'string' || !/^[0-9a-f]{16,}$/.test(password)) return undefined;
  return {
    user,
    password,
    port: isPort(port) ? port : undefined,
    ownerPid:
      typeof ownerPid === 'number' && Number.isInteger(ownerPid) && ownerPid > 0 ? ownerPid : undefined,
  };
}

export function isPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 65536;
}

export async function readInstanceState(file: string): Promise<InstanceState | undefined> {
  try {
    return parseInstanceState(await readFile(file, 'utf8'));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** Atomic (write then rename) and private: the file holds the superuser's password. */
export async function writeInstanceState(file: string, state: InstanceState): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
