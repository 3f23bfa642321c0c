import { hash, verify } from '@node-rs/argon2';

/** `Algorithm.Argon2id` of @node-rs/argon2 (a const enum, so its value is written out). */
const ARGON2ID = 2;

/**
 * Argon2id with the OWASP minimum (m=19 MiB, t=2, p=1): strong enough, and cheap enough that provisioning
 * and login stay fast on a small machine. @node-rs/argon2 ships working prebuilt binaries for this machine
 * (the `argon2` package's prebuilt Linux binary crashed the process here, and building it needs a compiler).
 */
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}
