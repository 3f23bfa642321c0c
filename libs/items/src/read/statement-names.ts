import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/** Statement texts kept with their names, most recently used first; beyond, a name is just hashed again. */
const MAX_NAMED_TEXTS = 500;
/** Names of texts seen once, waiting for a second run to be named (hashes only, never the texts). */
const MAX_SEEN_ONCE = 5_000;

/**
 * Names for compiled reads, so each pooled connection parses and plans a statement once and then only
 * binds and executes it (pg prepares a named statement on a connection the first time it runs there).
 * The name is a hash of the text: the same text gets the same name on every connection and instance.
 *
 * A text is named from its second run on: a stream of one-off queries (a client trying thousands of filter
 * shapes) then runs unnamed and never pushes the API's hot shapes out of a connection's prepared statements,
 * which the tenant connection bounds (TENANT_PREPARED_STATEMENTS_MAX, least recently run dropped). Both maps
 * here are bounded, so no sequence of queries grows this process either.
 */
export class StatementNames {
  private readonly named: LRUCache<string, string>;
  private readonly seenOnce: LRUCache<string, true>;

  constructor(options: { namedTexts?: number; seenOnce?: number } = {}) {
    this.seenOnce = new LRUCache({ max: options.seenOnce ?? MAX_SEEN_ONCE });
    this.named = new LRUCache({
      max: options.namedTexts ?? MAX_NAMED_TEXTS,
      // A text pushed out by others has run at least twice: its name is remembered (not its text), so
      // its next run is named again at once.
      dispose: (name, _text, reason) => {
        if (reason === 'evict') this.seenOnce.set(name, true);
      },
    });
  }

  nameOf(text: string): string | undefined {
    const known = this.named.get(text);
    if (known !== undefined) return known;
    const name = `atrium_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
    if (!this.seenOnce.delete(name)) {
      this.seenOnce.set(name, true);
      return undefined;
    }
    this.named.set(text, name);
    return name;
  }

  /** Entries held now: the named texts and the names seen once (for tests of the bound). */
  get size(): { named: number; seenOnce: number } {
    return { named: this.named.size, seenOnce: this.seenOnce.size };
  }
}

/** The names of the items reads (one set per process). */
export const READ_STATEMENT_NAMES = new StatementNames();
