import { generateSecret, generateURI, verify } from 'otplib';

/** RFC 6238 defaults, which authenticator apps assume: SHA-1, 6 digits, 30-second steps. */
const PERIOD_SECONDS = 30;

/** A code matched at this RFC 6238 time step (for replay protection: a step is used once). */
export interface TotpMatch {
  timeStep: number;
}

/** A new TOTP secret: 20 random bytes (160 bits), base32 as authenticator apps expect. */
export function generateTotpSecret(): string {
  return generateSecret();
}

/** A base32 secret of at least 80 bits (16 characters), the RFC 4226 minimum; longer ones are fine. */
export function isTotpSecret(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z2-7]{16,128}$/.test(value);
}

/** The `otpauth://totp/…` URI an app scans (as a QR code) to enrol the secret. */
export function totpUri(options: { secret: string; label: string; issuer: string }): string {
  return generateURI({ issuer: options.issuer, label: options.label, secret: options.secret });
}

/**
 * Checks a 6-digit code against `secret`, accepting the current step and one either side (clock drift).
 * Resolves the matched step, or null for a wrong code or unusable input — never throws. `epochSeconds`
 * exists for tests.
 */
export async function verifyTotp(
  secret: string,
  otp: string,
  epochSeconds?: number,
): Promise<TotpMatch | null> {
  if (typeof otp !== 'string' || !/^\d{6}$/.test(otp) || typeof secret !== 'string' || secret === '')
    return null;
  try {
    const result = await verify({
      secret,
      token: otp,
      period: PERIOD_SECONDS,
      epochTolerance: PERIOD_SECONDS,
      ...(epochSeconds === undefined ? {} : { epoch: epochSeconds }),
    });
    // The functional API's result type also covers HOTP, which has no time step.
    return result.valid && 'timeStep' in result ? { timeStep: result.timeStep } : null;
  } catch {
    return null;
  }
}
