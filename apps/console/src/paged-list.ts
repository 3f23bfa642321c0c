import { useState } from 'preact/hooks';
import { projectApi } from './project-api';
import { useResource } from './resource';

interface ListAnswer<T> {
  data: T[];
  meta?: { filter_count?: number };
}

/**
 * One page of a project's list endpoint (`/files`, `/users`, `/roles`, `/items/…`) with its search and the
 * filter count for the pager; `query` carries the list's fixed parameters (`fields`, `sort`).
 */
export function usePagedList<T>(
  project: string,
  path: string,
  query: Record<string, string>,
  pageSize: number,
) {
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const list = useResource(() => {
    const params = new URLSearchParams({
      ...query,
      limit: String(pageSize),
      page: String(page),
      meta: 'filter_count',
    });
    if (search) params.set('search', search);
    return projectApi<ListAnswer<T>>(project, `${path}?${params}`);
  }, [project, path, JSON.stringify(query), page, search]);
  const total = list.data?.meta?.filter_count ?? 0;
  return {
    ...list,
    rows: list.data?.data ?? null,
    page,
    setPage,
    pages: Math.max(1, Math.ceil(total / pageSize)),
    total,
    search: (text: string) => {
      setSearch(text);
      setPage(1);
    },
  };
}
