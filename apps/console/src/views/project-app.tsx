import { ErrorNotice, Loading } from '../components/notice';
import { mayRead, projectApi, type MyPermissions } from '../project-api';
import { useResource } from '../resource';
import { href, useRoute } from '../router';
import { CollectionsPage } from './collections-page';
import { FilesPage } from './files-page';
import { ItemForm } from './item-form';
import { ItemsGrid } from './items-grid';
import { RolesPage } from './roles-page';
import { UsersPage } from './users-page';

/** The system views beside the collections, each shown to those who may read its collection. */
const SYSTEM_VIEWS = [
  { route: 'files', label: 'Files', collection: 'directus_files' },
  { route: 'users', label: 'Users', collection: 'directus_users' },
  { route: 'roles', label: 'Roles', collection: 'directus_roles' },
] as const;

/** The project view: its collections and their items, under the signed-in user's permissions. */
export function ProjectApp({ project, onSignOut }: { project: string; onSignOut: () => void }) {
  const [section = 'c', collection, id] = useRoute();
  const me = useResource(
    () => projectApi<{ data: { email: string } }>(project, '/users/me?fields=email'),
    [project],
  );
  const permissions = useResource(
    () => projectApi<{ data: MyPermissions }>(project, '/permissions/me').then((r) => r.data),
    [project],
  );
  const page = !permissions.data ? null : section === 'files' ? (
    <FilesPage project={project} permissions={permissions.data} />
  ) : section === 'users' ? (
    <UsersPage project={project} permissions={permissions.data} />
  ) : section === 'roles' ? (
    <RolesPage project={project} permissions={permissions.data} />
  ) : !collection ? (
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
          <a href={href('c')} aria-current={section === 'c' ? 'page' : undefined}>
            Collections
          </a>
          {SYSTEM_VIEWS.filter((view) => permissions.data && mayRead(permissions.data, view.collection)).map(
            (view) => (
              <a
                key={view.route}
                href={href(view.route)}
                aria-current={section === view.route ? 'page' : undefined}
              >
                {view.label}
              </a>
            ),
          )}
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
