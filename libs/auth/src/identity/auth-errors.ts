import { AtriumException } from '@atrium/core';

export const tokenExpired = (): AtriumException => new AtriumException('TOKEN_EXPIRED', 'Token expired.');
export const invalidToken = (): AtriumException => new AtriumException('INVALID_TOKEN', 'Invalid token.');
export const invalidOtp = (): AtriumException =>
  new AtriumException('INVALID_OTP', 'A valid one-time password is required.');
