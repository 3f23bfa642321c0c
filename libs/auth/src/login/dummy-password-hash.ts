/**
 * A valid argon2id hash (same parameters as real ones) of a password nobody uses: verified against when the
 * email is unknown, so a failed login costs the same whether the user exists or not.
 */
export const DUMMY_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$Dz/Ei4V7N6oCTTQkJTRSaQ$lTuJgk6yEI+iNK+PUHFnhp3UeUMjoMrSpyDokE4itwA';
