import * as argon2 from 'argon2';

/**
 * Argon2id with the OWASP minimum (m=19 MiB, t=2, p=1): strong enough, and cheap enough that provisioning
 * and login stay fast on a small machine.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
