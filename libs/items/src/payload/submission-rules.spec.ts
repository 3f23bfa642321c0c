import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectionOf, fieldOf } from '../testing/field.fixture';
import { firstSubmissionFailure } from './submission-rules';

const things = collectionOf('id', [
  fieldOf('id', 'integer', { is_nullable: false, has_auto_increment: true, is_primary_key: true }),
  fieldOf('code', 'string', { is_nullable: false }),
  fieldOf('label', 'string', {}, { required: true }),
  fieldOf('status', 'string', { is_nullable: false, default_value: 'draft' }),
  fieldOf('tracking', 'uuid', { is_nullable: false }, { special: ['uuid'] }),
  fieldOf('created', 'timestamp', { is_nullable: false }, { special: ['date-created'] }),
  fieldOf('owner', 'uuid', { is_nullable: false }, { special: ['user-created'] }),
  fieldOf('slug', 'string', { is_nullable: false, is_generated: true }),
  fieldOf('notes', 'string'),
  fieldOf('children', 'alias', null, { required: true, special: ['o2m'] }),
]);
const complete = { code: 'A', label: 'x', children: [] };

describe('firstSubmissionFailure', () => {
  const rows: Array<[string, Record<string, unknown>, 'create' | 'update', unknown]> = [
    ['a complete create', complete, 'create', null],
    [
      'a NOT NULL column without a default, left out',
      { label: 'x', children: [] },
      'create',
      { field: 'code', type: 'required' },
    ],
    [
      'a NOT NULL column given as null',
      { ...complete, code: null },
      'create',
      { field: 'code', type: 'nnull' },
    ],
    [
      'a meta-required field, left out',
      { code: 'A', children: [] },
      'create',
      { field: 'label', type: 'required' },
    ],
    [
      'a meta-required alias, left out',
      { code: 'A', label: 'x' },
      'create',
      { field: 'children', type: 'required' },
    ],
    [
      'a NOT NULL column with a default, given as null',
      { ...complete, status: null },
      'create',
      { field: 'status', type: 'nnull' },
    ],
    [
      'server-filled columns (sequence, uuid, date/user-created, generated), given as null',
      { ...complete, id: null, tracking: null, created: null, owner: null, slug: null },
      'create',
      null,
    ],
    ['an update leaving everything out', {}, 'update', null],
    ['an update nulling a NOT NULL column', { code: null }, 'update', { field: 'code', type: 'nnull' }],
    ['an update nulling a meta-required field', { label: null }, 'update', { field: 'label', type: 'nnull' }],
    ['an update nulling a nullable column', { notes: null }, 'update', null],
  ];
  for (const [description, payload, action, expected] of rows) {
    it(description, () => assert.deepEqual(firstSubmissionFailure(things, payload, action), expected));
  }

  it('a uuid primary key is drawn by the server, a string one has to be given', () => {
    const uuidKeyed = collectionOf('id', [
      fieldOf('id', 'uuid', { is_nullable: false, is_primary_key: true }),
    ]);
    assert.equal(firstSubmissionFailure(uuidKeyed, {}, 'create'), null);
    const stringKeyed = collectionOf('id', [
      fieldOf('id', 'string', { is_nullable: false, is_primary_key: true }),
    ]);
    assert.deepEqual(firstSubmissionFailure(stringKeyed, {}, 'create'), { field: 'id', type: 'required' });
  });
});
