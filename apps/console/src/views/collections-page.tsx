import { ErrorNotice, Loading } from '../components/notice';
import { projectApi, type MyPermissions } from '../project-api';
import { useResource } from '../resource';
import { href } from '../router';

interface CollectionInfo {
  collection: string;
  meta: { hidden?: boolean; note?: string | null; singleton?: boolean } | null;
  schema: unknown;
}

/** The project's own collections the caller may read (system collections live in their own views). */
export function CollectionsPage({ project, permissions }: { project: string; permissions: MyPermissions }) {
  const collections = useResource(
    () => projectApi<{ data: CollectionInfo[] }>(project, '/collections').then((r) => r.data),
    [project],
  );
  const readable = (collections.data ?? []).filter(
    (c) =>
      !c.collection.startsWith('directus_') &&
      c.schema !== null &&
      (permissions[c.collection]?.read.access ?? 'none') !== 'none',
  );
  return (
    <section aria-labelledby="collections-title">
      <header class="page-header">
        <h1 id="collections-title">Collections</h1>
      </header>
      <ErrorNotice message={collections.error} />
      {collections.loading && <Loading label="Loading collections…" />}
      {collections.data && readable.length === 0 && <p class="muted">No collections you may read.</p>}
      <ul class="collection-list">
        {readable.map((c) => (
          <li key={c.collection}>
            <a href={href('c', c.collection)}>{c.collection}</a>
            {c.meta?.note && <span class="muted"> — {c.meta.note}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
