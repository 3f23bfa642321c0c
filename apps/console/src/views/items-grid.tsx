import { useState } from 'preact/hooks';
import { ErrorNotice, Loading } from '../components/notice';
import { Pager } from '../components/pager';
import { OPERATORS, toFilter, type Condition } from '../filters';
import { isDataField, projectApi, type FieldInfo, type MyPermissions } from '../project-api';
import { useResource } from '../resource';
import { href } from '../router';

const PAGE_SIZE = 25;

interface Page {
  data: Array<Record<string, unknown>>;
  meta?: { filter_count?: number };
}

const cell = (value: unknown) =>
  value === null || value === undefined
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);

/** A collection's items: paging, sort by a column, search and a filter builder, all in the REST query language. */
export function ItemsGrid(props: { project: string; collection: string; permissions: MyPermissions }) {
  const { project, collection } = props;
  const access = props.permissions[collection];
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [conditions, setConditions] = useState<Condition[]>([]);
  const [applied, setApplied] = useState<{ search: string; filter: Record<string, unknown> | null }>({
    search: '',
    filter: null,
  });

  const fields = useResource(
    () =>
      projectApi<{ data: FieldInfo[] }>(project, `/fields/${encodeURIComponent(collection)}`).then(
        (r) => r.data,
      ),
    [project, collection],
  );
  const columns = (fields.data ?? []).filter(isDataField);
  const primary = columns.find((f) => f.schema?.is_primary_key)?.field ?? 'id';
  const items = useResource(() => {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE), page: String(page), meta: 'filter_count' });
    if (sort) query.set('sort', sort);
    if (applied.search) query.set('search', applied.search);
    if (applied.filter) query.set('filter', JSON.stringify(applied.filter));
    return projectApi<Page>(project, `/items/${encodeURIComponent(collection)}?${query}`);
  }, [project, collection, page, sort, applied]);

  const total = items.data?.meta?.filter_count ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const toggleSort = (field: string) => {
    setSort(sort === field ? `-${field}` : sort === `-${field}` ? null : field);
    setPage(1);
  };
  const apply = (event: Event) => {
    event.preventDefault();
    setApplied({ search, filter: toFilter(conditions) });
    setPage(1);
  };
  const update = (n: number, change: Partial<Condition>) =>
    setConditions(conditions.map((c, i) => (i === n ? { ...c, ...change } : c)));

  return (
    <section aria-labelledby="grid-title">
      <p>
        <a href={href('c')}>← Collections</a>
      </p>
      <header class="page-header">
        <h1 id="grid-title">{collection}</h1>
        {access && access.create.access !== 'none' && (
          <a class="button" href={href('c', collection, '+')}>
            New item
          </a>
        )}
      </header>
      <form class="panel filters" onSubmit={apply} aria-label="Search and filter">
        <div class="field">
          <label for="grid-search">Search</label>
          <input
            id="grid-search"
            type="search"
            value={search}
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
        </div>
        {conditions.map((condition, n) => (
          <fieldset class="condition" key={n}>
            <legend class="visually-hidden">Condition {n + 1}</legend>
            <label for={`cond-field-${n}`}>Field</label>
            <select
              id={`cond-field-${n}`}
              value={condition.field}
              onChange={(e) => update(n, { field: e.currentTarget.value })}
            >
              <option value="">—</option>
              {columns.map((f) => (
                <option key={f.field} value={f.field}>
                  {f.field}
                </option>
              ))}
            </select>
            <label for={`cond-op-${n}`}>Operator</label>
            <select
              id={`cond-op-${n}`}
              value={condition.operator}
              onChange={(e) => update(n, { operator: e.currentTarget.value })}
            >
              {OPERATORS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            <label for={`cond-value-${n}`}>Value</label>
            <input
              id={`cond-value-${n}`}
              value={condition.value}
              onInput={(e) => update(n, { value: e.currentTarget.value })}
            />
            <button
              type="button"
              class="secondary"
              onClick={() => setConditions(conditions.filter((_, i) => i !== n))}
            >
              Remove<span class="visually-hidden"> condition {n + 1}</span>
            </button>
          </fieldset>
        ))}
        <div class="filter-buttons">
          <button
            type="button"
            class="secondary"
            onClick={() =>
              setConditions([...conditions, { field: columns[0]?.field ?? '', operator: '_eq', value: '' }])
            }
          >
            Add condition
          </button>
          <button type="submit">Apply</button>
        </div>
      </form>
      <ErrorNotice message={fields.error ?? items.error} />
      {(items.loading || fields.loading) && <Loading label="Loading items…" />}
      {items.data && fields.data && (
        <>
          <div class="table-wrap">
            <table class="items">
              <caption class="visually-hidden">Items of {collection}</caption>
              <thead>
                <tr>
                  {columns.map((f) => (
                    <th
                      scope="col"
                      key={f.field}
                      aria-sort={
                        sort === f.field ? 'ascending' : sort === `-${f.field}` ? 'descending' : 'none'
                      }
                    >
                      <button type="button" class="sort" onClick={() => toggleSort(f.field)}>
                        {f.field}
                        {sort === f.field ? ' ▲' : sort === `-${f.field}` ? ' ▼' : ''}
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {items.data.data.length === 0 && (
                  <tr>
                    <td colSpan={columns.length} class="muted">
                      No items.
                    </td>
                  </tr>
                )}
                {items.data.data.map((item) => (
                  <tr key={String(item[primary])} data-item={String(item[primary])}>
                    {columns.map((f) => (
                      <td key={f.field}>
                        {f.field === primary ? (
                          <a href={href('c', collection, String(item[primary]))}>{cell(item[f.field])}</a>
                        ) : (
                          cell(item[f.field])
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} pages={pages} total={total} noun="items" onPage={setPage} />
        </>
      )}
    </section>
  );
}
