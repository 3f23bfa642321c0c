import { LoggerService } from '@nestjs/common';
import type { Logger as PinoLogger } from 'pino';

/**
 * Nest's start-up wiring: one line per module, controller and route (over a hundred on every start). They go
 * to `debug`, so an operator's `info` log starts with what matters.
 */
const WIRING_CONTEXTS: ReadonlySet<string> = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/**
 * Nest's LoggerService on top of pino, so framework and application log lines are the same JSON.
 * `new Logger('Context').log(obj, 'msg')` arrives here as (obj, 'msg', 'Context').
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: PinoLogger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    rest: unknown[],
  ) {
    // Nest appends the context as the last string argument; error() may put a stack before it.
    const context =
      rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    if (level === 'info' && context !== undefined && WIRING_CONTEXTS.has(context)) level = 'debug';
    // Below the level nothing is written: skip building the line (the items read path logs at debug).
    if (!this.logger.isLevelEnabled(level)) return;
    const text = rest.find((item): item is string => typeof item === 'string');
    if (message !== null && typeof message === 'object') {
      this.logger[level]({ context, ...(message as object) }, text);
    } else {
      this.logger[level]({ context }, String(message));
    }
  }
}
