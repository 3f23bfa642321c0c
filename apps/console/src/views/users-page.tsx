import { DataTable, type Column } from '../components/data-table';
import { ErrorNotice, Loading } from '../components/notice';
import { Pager } from '../components/pager';
import { SearchForm } from '../components/search-form';
import { StatusBadge } from '../components/status';
import { date } from '../format';
import { usePagedList } from '../paged-list';
import { mayRead, type MyPermissions } from '../project-api';

interface UserRow {
  id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  status: string;
  role: { name: string } | string | null;
  last_access: string | null;
}

const PAGE_SIZE = 25;
const FIELDS = 'id,email,first_name,last_name,status,last_access';

const COLUMNS: Column<UserRow>[] = [
  { label: 'Email', cell: (user) => user.email ?? '—' },
  { label: 'Name', cell: (user) => [user.first_name, user.last_name].filter(Boolean).join(' ') || '—' },
  {
    label: 'Role',
    cell: (user) =>
      user.role === null ? (
        <span class="muted">no role</span>
      ) : typeof user.role === 'string' ? (
        user.role
      ) : (
        user.role.name
      ),
  },
  { label: 'Status', cell: (user) => <StatusBadge status={user.status} /> },
  { label: 'Last access', cell: (user) => date(user.last_access) },
];

/** The project's users, read-only: who they are, their role and status, and when they were last seen. */
export function UsersPage({ project, permissions }: { project: string; permissions: MyPermissions }) {
  // The role's name where the caller may read roles, else its key.
  const fields = `${FIELDS},${mayRead(permissions, 'directus_roles') ? 'role.name' : 'role'}`;
  const users = usePagedList<UserRow>(project, '/users', { fields, sort: 'email' }, PAGE_SIZE);
  return (
    <section aria-labelledby="users-title">
      <header class="page-header">
        <h1 id="users-title">Users</h1>
      </header>
      <div class="toolbar">
        <SearchForm id="users-search" label="Search users" onSearch={users.search} />
      </div>
      <ErrorNotice message={users.error} />
      {users.loading && <Loading label="Loading users…" />}
      {users.rows && (
        <>
          <DataTable
            name="users"
            caption={`Users of ${project}`}
            columns={COLUMNS}
            rows={users.rows}
            rowKey={(user) => user.id}
            empty="No users."
          />
          <Pager
            page={users.page}
            pages={users.pages}
            total={users.total}
            noun="users"
            onPage={users.setPage}
          />
        </>
      )}
    </section>
  );
}
