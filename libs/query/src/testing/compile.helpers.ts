import assert from 'node:assert/strict';
import { compileRead } from '../compile/compile-read';
import { parseQuery } from '../parse/parse-query';
import type { Access, CompiledQuery, FilterNode, QueryContext, QueryLimits } from '../query-types';
import { BLOG_OVERVIEW } from './overview.fixture';

export const USER_ID = '0b7d3c1e-4f1a-4c2e-9d3b-5a6f7e8d9c01';
export const ROLE_ID = '9c1e2d3f-aaaa-4bbb-8ccc-123456789abc';
export const NOW = new Date('2024-01-01T00:00:00.000Z');
export const CONTEXT: QueryContext = Object.freeze({ userId: USER_ID, roleId: ROLE_ID, now: NOW });
export const LIMITS: QueryLimits = Object.freeze({ default: 100, max: -1 });

export interface CompileOptions {
  collection?: string;
  access?: Access;
  limits?: QueryLimits;
  byKey?: unknown;
  context?: QueryContext;
  /** replaces the parsed filter: a filter the server builds itself (never validated as a request's) */
  filter?: FilterNode;
}

/** Raw URL parameters → parse → compile against the blog overview (admin, `articles` by default). */
export function compileRaw(raw: Record<string, unknown>, options: CompileOptions = {}): CompiledQuery {
  return compileRead(
    BLOG_OVERVIEW,
    options.access ?? 'admin',
    options.collection ?? 'articles',
    options.filter ? { ...parseQuery(raw), filter: options.filter } : parseQuery(raw),
    { context: options.context ?? CONTEXT, limits: options.limits ?? LIMITS, byKey: options.byKey },
  );
}

/**
 * A readable SQL pattern → RegExp: the text is literal except `$?`, which stands for one placeholder
 * (`$7`, cast included when written: `$?::text`), and `t#`, which stands for any table alias.
 */
export function sqlPattern(pattern: string): RegExp {
  const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(escaped.replace(/\\\$\\\?/g, '\\$(\\d+)').replace(/t#/g, 't\\d+'));
}

/**
 * Asserts `pattern` occurs in the statement and returns the values bound to its `$?` placeholders, in order.
 * Several patterns may be given; their placeholders are concatenated.
 */
export function boundValues(compiled: CompiledQuery, patterns: string | string[]): unknown[] {
  const out: unknown[] = [];
  for (const pattern of Array.isArray(patterns) ? patterns : [patterns]) {
    const match = sqlPattern(pattern).exec(compiled.text);
    assert.ok(match, `expected SQL to contain\n  ${pattern}\nin\n  ${compiled.text}`);
    for (const index of match.slice(1)) {
      const position = Number(index);
      assert.ok(position >= 1 && position <= compiled.values.length, `placeholder $${index} is unbound`);
      out.push(compiled.values[position - 1]);
    }
  }
  return out;
}

/** Every placeholder in the text has a value, and every value a placeholder: nothing is left dangling. */
export function assertPlaceholdersMatch(compiled: CompiledQuery): void {
  const used = new Set([...compiled.text.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])));
  for (let i = 1; i <= compiled.values.length; i++) assert.ok(used.has(i), `$${i} is bound but not used`);
  for (const index of used) assert.ok(index <= compiled.values.length, `$${index} is used but not bound`);
}

/** User-supplied strings travel as bound values only: none of them may appear in the SQL text. */
export function assertNotInlined(compiled: CompiledQuery, userStrings: readonly string[]): void {
  for (const text of userStrings) {
    assert.ok(!compiled.text.includes(text), `user value ${JSON.stringify(text)} was inlined into SQL`);
  }
}
