import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message the sink received, as the test reads it. */
export interface SinkMail {
  /** Envelope recipients, lowercase. */
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
}

interface Waiter {
  address: string;
  resolve: (mail: SinkMail) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * A real SMTP server in the test process, on a random local port (no TLS, no auth). Each message is parsed
 * with mailparser; a test awaits the next mail to an address with `nextMail` — every mail is handed out once.
 */
export class SmtpSink {
  /** Every message received, in order. */
  readonly received: SinkMail[] = [];
  private readonly unread = new Map<string, SinkMail[]>();
  private waiters: Waiter[] = [];

  private server: SMTPServer | null = null;
  private listeningPort = 0;

  private constructor() {}

  static async start(): Promise<SmtpSink> {
    const sink = new SmtpSink();
    await sink.listen();
    return sink;
  }

  get port(): number {
    return this.listeningPort;
  }

  /** The environment that points the API at this sink. */
  env(): Record<string, string> {
    return {
      EMAIL_TRANSPORT: 'smtp',
      EMAIL_SMTP_HOST: '127.0.0.1',
      EMAIL_SMTP_PORT: String(this.port),
      EMAIL_FROM: 'atrium@sink.test',
    };
  }

  /** The oldest mail to `address` not handed out yet, waiting for one up to `timeoutMs`. */
  nextMail(address: string, timeoutMs = 5_000): Promise<SinkMail> {
    const key = address.toLowerCase();
    const queued = this.unread.get(key)?.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise<SinkMail>((resolve, reject) => {
      const waiter: Waiter = {
        address: key,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((other) => other !== waiter);
          reject(new Error(`no mail to ${address} within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** How many mails to `address` arrived and were not handed out yet. */
  unreadCount(address: string): number {
    return this.unread.get(address.toLowerCase())?.length ?? 0;
  }

  private async listen(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      disableReverseLookup: true,
      logger: false,
      onData: (stream, session, callback) => {
        const to = (session.envelope.rcptTo ?? []).map((rcpt) => rcpt.address.toLowerCase());
        simpleParser(stream)
          .then((parsed) => {
            this.deliver({
              to,
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.listeningPort = (server.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('SMTP sink closed'));
    }
    this.waiters = [];
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private deliver(mail: SinkMail): void {
    this.received.push(mail);
    for (const address of mail.to) {
      const waiter = this.waiters.find((candidate) => candidate.address === address);
      if (waiter) {
        clearTimeout(waiter.timer);
        this.waiters = this.waiters.filter((other) => other !== waiter);
        waiter.resolve(mail);
      } else {
        const queue = this.unread.get(address) ?? [];
        queue.push(mail);
        this.unread.set(address, queue);
      }
    }
  }
}
