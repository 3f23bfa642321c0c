import { DataTable, type Column } from '../components/data-table';
import { ErrorNotice, Loading } from '../components/notice';
import { Pager } from '../components/pager';
import { usePagedList } from '../paged-list';
import { mayRead, type MyPermissions } from '../project-api';

interface RoleRow {
  id: string;
  name: string;
  description: string | null;
  parent: { name: string } | null;
  users?: Array<{ id: string }>;
  policies?: Array<{ policy: { name: string } | null }>;
}

const PAGE_SIZE = 25;

/** The role's own fields, and the related ones only where the caller may read the related collection. */
function fieldsFor(permissions: MyPermissions): string {
  const fields = ['id', 'name', 'description', 'parent.name'];
  if (mayRead(permissions, 'directus_users')) fields.push('users.id');
  if (mayRead(permissions, 'directus_access') && mayRead(permissions, 'directus_policies'))
    fields.push('policies.policy.name');
  return fields.join(',');
}

const COLUMNS: Column<RoleRow>[] = [
  { label: 'Name', cell: (role) => role.name },
  { label: 'Description', cell: (role) => <span class="wrap">{role.description ?? '—'}</span> },
  {
    label: 'Policies',
    cell: (role) =>
      (role.policies ?? [])
        .map((access) => access.policy?.name)
        .filter(Boolean)
        .join(', ') || '—',
  },
  { label: 'Parent', cell: (role) => role.parent?.name ?? '—' },
  { label: 'Users', numeric: true, cell: (role) => (role.users ? role.users.length : '—') },
];

/** The project's roles, read-only: their policies, parent and how many users each has. */
export function RolesPage({ project, permissions }: { project: string; permissions: MyPermissions }) {
  const roles = usePagedList<RoleRow>(
    project,
    '/roles',
    { fields: fieldsFor(permissions), sort: 'name' },
    PAGE_SIZE,
  );
  return (
    <section aria-labelledby="roles-title">
      <header class="page-header">
        <h1 id="roles-title">Roles</h1>
      </header>
      <ErrorNotice message={roles.error} />
      {roles.loading && <Loading label="Loading roles…" />}
      {roles.rows && (
        <>
          <DataTable
            name="roles"
            caption={`Roles of ${project}`}
            columns={COLUMNS}
            rows={roles.rows}
            rowKey={(role) => role.id}
            empty="No roles."
          />
          <Pager
            page={roles.page}
            pages={roles.pages}
            total={roles.total}
            noun="roles"
            onPage={roles.setPage}
          />
        </>
      )}
    </section>
  );
}
