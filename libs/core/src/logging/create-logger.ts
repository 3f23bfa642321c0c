import pino, { DestinationStream, Logger as PinoLogger } from 'pino';
import pinoPretty from 'pino-pretty';
import type { LogLevel, LogStyle } from '../config/app-config';
import { logScopeFields } from './log-context';
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

export interface LoggerOptions {
  /** `json` (one object per line, for collectors) or `pretty` (readable lines, for a terminal). */
  style?: LogStyle;
  /** Where lines go instead of stdout (tests). */
  destination?: DestinationStream;
}

/** Readable lines on stdout, written synchronously so nothing is lost when the process exits. */
function prettyStdout(): DestinationStream {
  return pinoPretty({
    sync: true,
    colorize: process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
    messageFormat: '{if context}[{context}] {end}{msg}',
  });
}

/**
 * The root structured logger (JSON lines on stdout unless another destination is given). One per process;
 * Nest and Fastify both write to it, and every line written inside a request or a job carries that scope's
 * fields (request id, project, user; see log-context.ts).
 */
export function createLogger(level: LogLevel, name: string, settings: LoggerOptions = {}): PinoLogger {
  const options: pino.LoggerOptions = {
    name,
    level,
    mixin: logScopeFields,
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
  const destination = settings.destination ?? (settings.style === 'pretty' ? prettyStdout() : undefined);
  return destination ? pino(options, destination) : pino(options);
}
