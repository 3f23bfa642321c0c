import pino, { DestinationStream, Logger as PinoLogger } from 'pino';
import type { LogLevel } from '../config/app-config';
import { redactUrl } from './redact-url';

/** Paths pino blanks out wherever they appear in a log object: credentials never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.token',
  '*.access_token',
  '*.refresh_token',
  '*.tfa_secret',
  '*.secret',
  '*.admin_password',
  '*.super_admin_token',
];

interface RequestLike {
  id?: string;
  method?: string;
  url?: string;
  ip?: string;
  headers?: Record<string, unknown>;
}

/**
 * The root structured logger (JSON lines on stdout unless another destination is given). One per process;
 * Nest and Fastify both write to it.
 */
export function createLogger(level: LogLevel, name: string, destination?: DestinationStream): PinoLogger {
  const options: pino.LoggerOptions = {
    name,
    level,
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    serializers: {
      err: pino.stdSerializers.err,
      req: (req: RequestLike) => ({
        id: req.id,
        method: req.method,
        url: req.url ? redactUrl(req.url) : undefined,
        ip: req.ip,
        userAgent: req.headers?.['user-agent'],
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
