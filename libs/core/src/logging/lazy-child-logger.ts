import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, LevelWithSilent, Logger as PinoLogger, LogFn } from 'pino';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * A request's logger (`request.log`) made only when a line is written at an enabled level. Fastify makes a
 * child logger per request to bind its id, and pino's child copies its bindings through the redaction and
 * serializers every time: on a read answered without a log line that is a fair share of the request's CPU.
 * A line that is written is the child's exactly (same bindings, same redaction).
 */
class LazyChildLogger {
  private made?: PinoLogger;

  constructor(
    private readonly parent: PinoLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  private get real(): PinoLogger {
    return (this.made ??= this.parent.child(this.bindings, this.options));
  }

  get level(): string {
    return this.made?.level ?? this.parent.level;
  }
  set level(level: LevelWithSilent) {
    this.real.level = level;
  }

  isLevelEnabled(level: string): boolean {
    return this.made ? this.made.isLevelEnabled(level) : this.parent.isLevelEnabled(level);
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): PinoLogger {
    return this.real.child(bindings, options);
  }

  silent(): void {}

  fatal = this.writer('fatal');
  error = this.writer('error');
  warn = this.writer('warn');
  info = this.writer('info');
  debug = this.writer('debug');
  trace = this.writer('trace');

  private writer(level: Level): LogFn {
    return ((...args: Parameters<LogFn>) => {
      if (this.isLevelEnabled(level)) this.real[level](...args);
    }) as LogFn;
  }
}

/**
 * Fastify's `childLoggerFactory`: a request logger made on first use. A route with its own log level gets
 * its child at once (its level differs from the parent's).
 */
export function lazyChildLoggerFactory(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  if (options.level !== undefined) return logger.child(bindings, options);
  // The API's root logger is pino's (createLogger), so its children are too.
  return new LazyChildLogger(logger as PinoLogger, bindings, options) as unknown as FastifyBaseLogger;
}
