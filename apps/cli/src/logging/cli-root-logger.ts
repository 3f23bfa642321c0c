import { REDACTED_PATHS } from '@atrium/core';
import pino, { Logger as PinoLogger } from 'pino';

/**
 * The pino logger CoreModule hands to whatever wants the root logger: the same redaction as the API's,
 * but on stderr and at `warn`, so nothing interleaves with the command's output on stdout.
 */
export function createCliRootLogger(): PinoLogger {
  return pino(
    {
      name: 'atrium-cli',
      level: 'warn',
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      serializers: { err: pino.stdSerializers.err },
    },
    pino.destination({ fd: 2, sync: true }),
  );
}
