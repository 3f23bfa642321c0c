import { ErrorNotice, Loading } from '../components/notice';
import { projectApi, type MyPermissions } from '../project-api';
import { useResource } from '../resource';
import { href, useRoute } from '../router';
import { CollectionsPage } from './collections-page';
import { ItemForm } from './item-form';
import { ItemsGrid } from './items-grid';

/** The project view: its collections and their items, under the signed-in user's permissions. */
export function ProjectApp({ project, onSignOut }: { project: string; onSignOut: () => void }) {
  const [, collection, id] = useRoute();
  const me = useResource(
    () => projectApi<{ data: { email: string } }>(project, '/users/me?fields=email'),
    [project],
  );
  const permissions = useResource(
    () => projectApi<{ data: MyPermissions }>(project, '/permissions/me').then((r) => r.data),
    [project],
  );
  const page = !permissions.data ? null : !collection ? (
    <CollectionsPage project={project} permissions={permissions.data} />
  ) : id ? (
    <ItemForm
      project={project}
      collection={collection}
      id={id === '+' ? null : id}
      permissions={permissions.data}
    />
  ) : (
    <ItemsGrid project={project} collection={collection} permissions={permissions.data} />
  );
  return (
    <>
      <header class="top-bar">
        <span class="brand">Atrium · {project}</span>
        <nav aria-label="Project">
          <a href={href('c')} aria-current={collection ? undefined : 'page'}>
            Collections
          </a>
        </nav>
        <span class="muted-light">{me.data?.data.email ?? ''}</span>
        <button type="button" class="secondary" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main class="content">
        <ErrorNotice message={permissions.error} />
        {permissions.loading && <Loading />}
        {page}
      </main>
    </>
  );
}
