import type { EmbeddedPostgresLogger } from './embedded-postgres.types';

const WARN_SEVERITIES = new Set(['WARNING', 'FATAL', 'PANIC']);
/**
 * A statement's error, which the server also sent to the client that ran it: the API turns the expected ones
 * (a duplicate key, a foreign key) into a 4xx and logs the unexpected ones itself, so here it is only detail.
 */
const STATEMENT_ERROR = 'ERROR';
const INFO_SEVERITIES = new Set([
  'LOG',
  'INFO',
  'NOTICE',
  'DEBUG',
  'DEBUG1',
  'DEBUG2',
  'DEBUG3',
  'DEBUG4',
  'DEBUG5',
]);
/** Lines that continue the previous message and share its level. */
const DETAIL_FIELDS = new Set(['DETAIL', 'HINT', 'CONTEXT', 'STATEMENT', 'QUERY', 'LOCATION']);

const RECENT_LINES = 50;

/**
 * Turns the server's stderr (started with an empty log_line_prefix and lc_messages=C, so each message starts
 * with its severity) into logger calls, and remembers the last FATAL/PANIC for start-up error messages.
 */
export class PostgresLogForwarder {
  private pending = '';
  private level: 'info' | 'warn' | 'debug' = 'info';
  private lastProblemLine: string | undefined;
  private readonly recent: string[] = [];

  constructor(
    private readonly logger: EmbeddedPostgresLogger,
    private readonly onLine: (line: string) => void = () => undefined,
  ) {}

  /** The last FATAL or PANIC message seen, without its severity prefix. */
  get lastProblem(): string | undefined {
    return this.lastProblemLine;
  }

  /** Whether any recent line contains `text` (e.g. "Address already in use", logged at LOG before the FATAL). */
  recentlySaid(text: string): boolean {
    return this.recent.some((line) => line.includes(text));
  }

  write(chunk: string): void {
    const lines = (this.pending + chunk).split(/\r?\n/);
    this.pending = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  /** Emits a trailing line that had no newline (the process ended). */
  flush(): void {
    if (this.pending) this.line(this.pending);
    this.pending = '';
  }

  private line(line: string): void {
    if (!line.trim()) return;
    this.recent.push(line);
    if (this.recent.length > RECENT_LINES) this.recent.shift();
    const severity = /^([A-Z0-9]+):\s/.exec(line)?.[1];
    if (severity === STATEMENT_ERROR) this.level = 'debug';
    else if (severity && WARN_SEVERITIES.has(severity)) this.level = 'warn';
    else if (severity && INFO_SEVERITIES.has(severity)) this.level = 'info';
    else if (!(severity && DETAIL_FIELDS.has(severity)) && !line.startsWith('\t')) this.level = 'info';
    if (severity === 'FATAL' || severity === 'PANIC')
      this.lastProblemLine = line.slice(severity.length + 1).trim();
    this.logger[this.level]?.(`postgres: ${line.trimEnd()}`);
    this.onLine(line);
  }
}
