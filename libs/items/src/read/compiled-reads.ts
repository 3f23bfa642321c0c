import { objectId as idOf } from '@atrium/core';
import type { RequestContext } from '@atrium/permissions';
import type { CompiledQuery, CompiledRead } from '@atrium/query';
import { LRUCache } from 'lru-cache';
import type { RawQuery } from '../raw-query';

/** How the statement answers: a list, a singleton's first row, or one item by key. */
export type ReadKind = 'list' | 'first' | 'one';

interface ReusableRead {
  /** The statement as it runs (JSON rendered as text), its values those of the request that compiled it. */
  statement: CompiledQuery;
  /** A read by key: where the key goes among the values. */
  key?: CompiledRead['key'];
}

/** Reads kept, and the characters of SQL text they may hold between them (about 2 bytes each). */
const MAX_READS = 5_000;
const MAX_TEXT_CHARS = 8 * 1024 * 1024;

/**
 * Compiled GET reads by (schema snapshot, read access, collection, kind, raw query), so a request that repeats
 * one skips parsing, resolving and compiling and only binds its key. The schema snapshot is one project
 * instance at one schema version, so no entry serves another project or outlives a schema change; the access
 * is the admin bypass or a permission set shared by every request of its subject (one rebuilt per request —
 * `ip_access`, per-user values — is never kept), and a statement that read the request's dynamic values
 * ($NOW, $CURRENT_USER…) is never kept either. Entries only ever stop being asked for (a new version, new
 * grants): the least recently used go first, within a bound on their count and their SQL text.
 */
export class CompiledReads {
  private readonly reads = new LRUCache<string, ReusableRead>({
    max: MAX_READS,
    maxSize: MAX_TEXT_CHARS,
    sizeCalculation: (read, key) => read.statement.text.length + key.length,
  });

  /** The entry's key for this request, or null when what it compiles may not be kept. */
  keyOf(context: RequestContext, collection: string, kind: ReadKind, raw: RawQuery): string | null {
    const access = context.permissions.access('read');
    const accessId = access === 'admin' ? 'a' : context.permissions.shared ? `s${idOf(access)}` : null;
    if (accessId === null) return null;
    return `${idOf(context.schema)}:${accessId}:${kind}:${collection}:${JSON.stringify(raw)}`;
  }

  /** The statement kept under `key`, bound to this request's item key for a read by key. */
  statement(key: string, itemKey?: unknown): CompiledQuery | undefined {
    const read = this.reads.get(key);
    if (!read?.key) return read?.statement;
    const values = read.statement.values.slice();
    values[read.key.index] = read.key.bind(itemKey);
    return { text: read.statement.text, values };
  }

  /** Keeps `statement` (compiled as `compiled`) unless it holds values of this request only. */
  remember(key: string, compiled: CompiledRead, statement: CompiledQuery): void {
    if (compiled.contextual) return;
    this.reads.set(key, { statement, key: compiled.key });
  }

  /** Entries held, for tests. */
  get size(): number {
    return this.reads.size;
  }
}
