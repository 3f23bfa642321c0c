import { api, ApiError } from './api';

const PROJECT_KEY = 'atrium.project';

/** Which project this tab is signed in to; the session itself is the project's httpOnly cookie. */
export const projectSession = {
  get: (): string | null => sessionStorage.getItem(PROJECT_KEY),
  set: (project: string) => sessionStorage.setItem(PROJECT_KEY, project),
  clear: () => sessionStorage.removeItem(PROJECT_KEY),
};

export async function signInToProject(project: string, email: string, password: string): Promise<void> {
  await api(`/${encodeURIComponent(project)}/auth/login`, {
    method: 'POST',
    body: { email, password, mode: 'session' },
    token: null,
  });
  projectSession.set(project);
}

export async function signOutOfProject(project: string): Promise<void> {
  await api(`/${encodeURIComponent(project)}/auth/logout`, {
    method: 'POST',
    body: { mode: 'session' },
    token: null,
  }).catch(() => undefined);
  projectSession.clear();
}

/**
 * A call inside the signed-in project, carried by the session cookie (`Path=/<project>`): an expired
 * session is refreshed once, as the Data Studio does, before the call is repeated.
 */
export async function projectApi<T>(
  project: string,
  path: string,
  options: { method?: string; body?: unknown } = {},
): Promise<T> {
  const url = `/${encodeURIComponent(project)}${path}`;
  try {
    return await api<T>(url, { ...options, token: null });
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'TOKEN_EXPIRED') throw error;
    await api(`/${encodeURIComponent(project)}/auth/refresh`, {
      method: 'POST',
      body: { mode: 'session' },
      token: null,
    });
    return api<T>(url, { ...options, token: null });
  }
}

/** A field as `GET /fields/:collection` describes it (what the grid and the form need of it). */
export interface FieldInfo {
  field: string;
  type: string;
  schema: { is_primary_key?: boolean; has_auto_increment?: boolean; is_nullable?: boolean } | null;
  meta: {
    required?: boolean;
    readonly?: boolean;
    hidden?: boolean;
    special?: string[] | null;
    options?: { choices?: Array<{ text: string; value: unknown }> } | null;
  } | null;
}

export interface ActionAccess {
  access: 'none' | 'partial' | 'full';
  fields?: string[];
}

export type MyPermissions = Record<string, Record<'create' | 'read' | 'update' | 'delete', ActionAccess>>;

export const isDataField = (field: FieldInfo) => field.type !== 'alias' && field.meta?.hidden !== true;

/** Whether the caller may read some of a collection (a relational field into one it may not read is refused). */
export const mayRead = (permissions: MyPermissions, collection: string) =>
  (permissions[collection]?.read.access ?? 'none') !== 'none';
