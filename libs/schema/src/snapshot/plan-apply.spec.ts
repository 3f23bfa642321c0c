import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AtriumException } from '@atrium/core';
import { diffSnapshots, isEmptyDiff, snapshotHash } from './diff-snapshots';
import { applyEntries, planApply } from './plan-apply';
import type { SchemaSnapshot, SnapshotField } from './snapshot-types';

const field = (
  collection: string,
  name: string,
  type = 'string',
  note: string | null = null,
): SnapshotField =>
  ({
    collection,
    field: name,
    type,
    meta: note === null ? null : ({ note } as SnapshotField['meta']),
    schema: null,
  }) as SnapshotField;

const snapshot = (parts: Partial<SchemaSnapshot>): SchemaSnapshot => ({
  version: 1,
  directus: 'x',
  vendor: 'postgres',
  collections: [],
  fields: [],
  relations: [],
  ...parts,
});

describe('snapshot diff and apply plan', () => {
  const empty = snapshot({});
  const blog = snapshot({
    collections: [
      { collection: 'articles', meta: null, schema: { name: 'articles' } },
      { collection: 'authors', meta: null, schema: { name: 'authors' } },
    ],
    fields: [
      field('articles', 'id', 'integer'),
      field('articles', 'author', 'integer'),
      field('authors', 'id', 'integer'),
    ],
    relations: [
      { collection: 'articles', field: 'author', related_collection: 'authors', meta: null, schema: null },
    ],
  });

  it('finds nothing between equal snapshots, and hashes them alike', () => {
    assert.ok(isEmptyDiff(diffSnapshots(blog, JSON.parse(JSON.stringify(blog)))));
    assert.equal(
      snapshotHash(blog),
      snapshotHash({ ...JSON.parse(JSON.stringify(blog)), directus: 'other' }),
    );
    assert.notEqual(snapshotHash(blog), snapshotHash(empty));
  });

  it('plans new collections with their fields, then relations', () => {
    const ops = planApply(empty, diffSnapshots(empty, blog));
    assert.deepEqual(
      ops.map((op) => op.op),
      ['createCollection', 'createCollection', 'createRelation'],
    );
    const articles = ops[0] as { fields: SnapshotField[] };
    assert.deepEqual(
      articles.fields.map((f) => f.field),
      ['id', 'author'],
    );
  });

  it('plans removals in reverse dependency order', () => {
    const ops = planApply(blog, diffSnapshots(blog, empty));
    assert.deepEqual(
      ops.map((op) => op.op),
      ['deleteRelation', 'deleteCollection', 'deleteCollection'],
    );
  });

  it('applies edits inside an item', () => {
    const before = snapshot({ ...blog, fields: [field('articles', 'id', 'integer', 'old note')] });
    const after = snapshot({ ...blog, fields: [field('articles', 'id', 'integer', 'new note')] });
    const d = diffSnapshots(before, after);
    assert.deepEqual(d.fields[0].diff, [
      { kind: 'E', path: ['meta', 'note'], lhs: 'old note', rhs: 'new note' },
    ]);
    const ops = planApply(before, d);
    const update = ops.find((op) => op.op === 'updateField') as { field: SnapshotField };
    assert.equal(update.field.meta?.note, 'new note');
  });

  it('handles array edits, removals included', () => {
    const result = applyEntries(
      { list: ['a', 'b', 'c'] },
      [
        { kind: 'D', path: ['list', 1], lhs: 'b' },
        { kind: 'D', path: ['list', 2], lhs: 'c' },
      ],
      'x',
    );
    assert.deepEqual(result, { list: ['a'] });
  });

  it('refuses malformed diffs with 400 INVALID_PAYLOAD', () => {
    const bad = [
      null,
      { collections: 'x', fields: [], relations: [] },
      {
        collections: [{ collection: 'ghost', diff: [{ kind: 'E', path: ['meta'], lhs: 1, rhs: 2 }] }],
        fields: [],
        relations: [],
      },
      { collections: [{ collection: 'x', diff: [{ kind: 'Z' }] }], fields: [], relations: [] },
    ];
    for (const diff of bad) {
      assert.throws(
        () => planApply(blog, diff as never),
        (error: unknown) => error instanceof AtriumException && error.code === 'INVALID_PAYLOAD',
      );
    }
  });
});
