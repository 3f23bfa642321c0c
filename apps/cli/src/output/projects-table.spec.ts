import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProjectView } from '@atrium/server';
import { formatBytes, formatCount, microsToIso } from './format-values';
import { renderProjectDetails, renderProjectsTable } from './projects-table';

function view(overrides: Partial<ProjectView> = {}): ProjectView {
  return {
    key: 'acme',
    name: 'Acme Inc.',
    status: 'active',
    collection_count: 3,
    entry_count: 12_345,
    size: 8_290_304,
    database_size: 8_000_000,
    files_size: 290_304,
    variants_size: 0,
    file_count: 2,
    variant_count: 0,
    oldest_record: 1_763_900_000_000_000,
    latest_record: 1_763_900_123_456_789,
    quota: { type: 'NONE', size: null },
    cors_origins: null,
    rate_limit: null,
    created_at: '2025-11-23T12:00:00.000Z',
    database: 'default',
    ...overrides,
  };
}

describe('formatting values', () => {
  const bytes: Array<[number, string]> = [
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [8_290_304, '7.9 MiB'],
    [5 * 1024 ** 3, '5.0 GiB'],
  ];
  for (const [value, text] of bytes)
    it(`prints ${value} bytes as ${text}`, () => assert.equal(formatBytes(value), text));

  it('prints µs timestamps as ISO 8601 (ms precision)', () => {
    assert.equal(microsToIso(1_763_900_123_456_789), '2025-11-23T12:15:23.456Z');
  });

  it('groups thousands', () => {
    assert.deepEqual([0, 999, 1000, 1_234_567].map(formatCount), ['0', '999', '1,000', '1,234,567']);
  });
});

describe('renderProjectsTable', () => {
  it('aligns a header and one row per project, numbers to the right', () => {
    const text = renderProjectsTable([
      view(),
      view({
        key: 'b2',
        name: 'Bee',
        status: 'suspended',
        collection_count: null,
        entry_count: null,
        size: null,
        file_count: null,
        oldest_record: null,
        latest_record: null,
        database: 'eu-1',
      }),
    ]);
    const lines = text.split('\n');
    assert.match(
      lines[0],
      /^KEY\s+NAME\s+STATUS\s+COLLECTIONS\s+ENTRIES\s+SIZE\s+FILES\s+OLDEST RECORD\s+LATEST RECORD\s+DATABASE$/,
    );
    assert.match(
      lines[1],
      /^acme\s+Acme Inc\.\s+active\s+3\s+12,345\s+7\.9 MiB\s+2\s+2025-11-23T12:13:20\.000Z\s+2025-11-23T12:15:23\.456Z\s+default$/,
    );
    assert.match(lines[2], /^b2\s+Bee\s+suspended\s+-\s+-\s+-\s+-\s+-\s+-\s+eu-1$/);
    // Right alignment: the entry counts end in the same column.
    const end = (line: string, token: string) => line.indexOf(token) + token.length;
    assert.equal(end(lines[1], '12,345'), end(lines[0], 'ENTRIES'));
    assert.equal(lines.at(-2), '2 projects');
  });

  it('shortens long names so rows stay on one line', () => {
    const text = renderProjectsTable([view({ name: 'A very long project name that goes on and on' })]);
    assert.match(text, /A very long project name that…/);
  });

  it('says how to start when there are no projects', () => {
    assert.match(renderProjectsTable([]), /No projects yet/);
  });
});

describe('renderProjectDetails', () => {
  it('lists the project as aligned key: value lines', () => {
    const text = renderProjectDetails(view({ quota: { type: 'HARD', size: 1024 ** 3 } }));
    assert.match(text, /^ {2}key: {13}acme$/m);
    assert.match(text, /^ {2}database server: default$/m);
    assert.match(text, /^ {2}quota: {11}1\.0 GiB \(HARD\)$/m);
  });
});
