import { Client, type ClientConfig } from 'pg';
import type { ConnectionBudget } from './connection-budget';
import { PreparedStatementLru } from './prepared-statement-lru';

/** What pg's connection keeps of the named statements it sent (`parsedStatements`: name → text). */
interface StatementMemory {
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
}

export interface TenantClientOptions {
  budget: ConnectionBudget;
  /** Named statements one connection keeps prepared (TENANT_PREPARED_STATEMENTS_MAX). */
  preparedStatementsMax: number;
}

type ConnectCallback = (err: Error | null, client?: Client) => void;

/**
 * The pg Client every tenant pool makes (pg.Pool's `Client` option), for two bounds pg itself does not keep:
 * - a connection opens only with a slot of the process's `ConnectionBudget`, given back when it ends;
 * - it keeps at most `preparedStatementsMax` named statements: running a new one beyond that sends
 *   `DEALLOCATE` for the least recently run, and pg forgets it too, so it parses that name afresh if the
 *   statement comes back. PostgreSQL would otherwise keep every statement (and plan) until disconnect.
 */
export function tenantClientClass(options: TenantClientOptions): new (config?: ClientConfig) => Client {
  return class TenantClient extends Client {
    private readonly statements = new PreparedStatementLru(options.preparedStatementsMax);
    private holdsSlot = false;

    override connect(): Promise<Client>;
    override connect(callback: ConnectCallback): void;
    override connect(callback?: ConnectCallback): Promise<Client> | void {
      const connected = this.connectWithinBudget();
      if (!callback) return connected;
      connected.then(
        (client) => callback(null, client),
        (error: Error) => callback(error),
      );
    }

    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's query has a dozen overloads; all are forwarded unchanged
    override query(...args: any[]): any {
      const config: unknown = args[0];
      if (isNamedText(config)) {
        for (const dropped of this.statements.use(config.name)) this.deallocate(dropped);
      }
      return (Client.prototype.query as (...a: unknown[]) => unknown).apply(this, args);
    }

    /** Named statements this connection holds now (for tests). */
    get preparedStatements(): number {
      return this.statements.size;
    }

    private async connectWithinBudget(): Promise<Client> {
      await options.budget.acquire();
      this.holdsSlot = true;
      // A connection that ends for any reason (closed by its pool, by the server, or failing to open)
      // gives its slot back once.
      this.once('end', () => this.giveBackSlot());
      try {
        await super.connect();
      } catch (error) {
        this.giveBackSlot();
        throw error;
      }
      return this;
    }

    private giveBackSlot(): void {
      if (!this.holdsSlot) return;
      this.holdsSlot = false;
      options.budget.release();
    }

    /**
     * Drops a statement on the server, then in pg's memory — in the callback, which pg runs before it sends
     * the next queued query, so a query reusing the name right after is parsed again, never bound to a
     * statement that is gone. Only statements pg saw prepared (or sent to be) are dropped: DEALLOCATE of an
     * unknown name is an error, and inside a transaction it would abort the caller's work. If it fails all
     * the same (a transaction already aborted), the statement is still there, and stays counted.
     */
    private deallocate(name: string): void {
      const memory = (this as unknown as { connection: StatementMemory }).connection;
      if (!(name in memory.parsedStatements) && !(name in memory.submittedNamedStatements)) return;
      const text = `DEALLOCATE "${name.replace(/"/g, '""')}"`;
      (Client.prototype.query as (text: string, callback: (err: Error | null) => void) => void).call(
        this,
        text,
        (error) => {
          if (error) this.statements.restore(name);
          else delete memory.parsedStatements[name];
        },
      );
    }
  };
}

function isNamedText(config: unknown): config is { name: string; text: string } {
  if (typeof config !== 'object' || config === null) return false;
  const candidate = config as { name?: unknown; text?: unknown; submit?: unknown };
  return (
    typeof candidate.name === 'string' &&
    candidate.name !== '' &&
    typeof candidate.text === 'string' &&
    typeof candidate.submit !== 'function'
  );
}
