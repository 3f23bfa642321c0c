import { LoggerService } from '@nestjs/common';

/**
 * Nest's logger for the CLI: warnings and errors as one readable line each on stderr (stdout carries the
 * command's output, which `--json` callers parse), everything quieter dropped. No stacks: a failure that
 * stops the command is printed once, by main, from the error itself — so Nest's own report of a failed
 * bootstrap (context "ExceptionHandler", message plus stack) is left out.
 */
export class CliNestLogger implements LoggerService {
  constructor(private readonly write: (line: string) => void = (line) => process.stderr.write(line)) {}

  log(..._ignored: unknown[]): void {}
  debug(..._ignored: unknown[]): void {}
  verbose(..._ignored: unknown[]): void {}

  warn(message: unknown, ...rest: unknown[]): void {
    this.print('warning', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.print('error', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.print('error', message, rest);
  }

  private print(label: string, message: unknown, rest: unknown[]): void {
    // Nest appends the context as the last string argument; error() may put a stack before it.
    const context = rest.length > 0 && typeof rest.at(-1) === 'string' ? (rest.pop() as string) : undefined;
    if (context === 'ExceptionHandler') return;
    this.write(`${label}: ${formatLogLine(message, rest, context)}\n`);
  }
}

/** `[DbServers] admin pool error (server=eu-1, err=Connection terminated)`. */
export function formatLogLine(message: unknown, rest: unknown[], context?: string): string {
  const prefix = context ? `[${context}] ` : '';
  if (message === null || typeof message !== 'object') return `${prefix}${oneLine(String(message))}`;
  // Library code logs `logger.warn({ fields }, 'text')`: the text arrives as the first string after it.
  const text = rest.find((item): item is string => typeof item === 'string' && !item.includes('\n    at '));
  const details = Object.entries(message as Record<string, unknown>).map(
    ([key, value]) => `${key}=${describeValue(value)}`,
  );
  const body = [text ?? '', details.length > 0 ? `(${details.join(', ')})` : ''].filter(Boolean).join(' ');
  return `${prefix}${oneLine(body)}`;
}

function describeValue(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (value !== null && typeof value === 'object') {
    const nested = (value as { message?: unknown }).message;
    return typeof nested === 'string' ? nested : JSON.stringify(value);
  }
  return String(value);
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
