/** An answer of the API other than 2xx: its first error's message and code, as the envelope carries them. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'atrium.superAdminToken';

/** The super-admin token lives in sessionStorage: it goes with the tab, never to disk. */
export const superAdminToken = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

interface RequestOptions {
  method?: string;
  body?: unknown;
  token?: string | null;
}

/** One call to the API on this origin; the parsed body, or an ApiError with the API's own message. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {};
  // A FormData body (an upload) sets its own multipart content type and boundary.
  const form = options.body instanceof FormData;
  if (options.body !== undefined && !form) headers['content-type'] = 'application/json';
  const token = options.token === undefined ? superAdminToken.get() : options.token;
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body:
        options.body === undefined
          ? undefined
          : form
            ? (options.body as FormData)
            : JSON.stringify(options.body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError('The API could not be reached.', 0, 'NETWORK');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const body = parseJson(text);
  if (!response.ok && !isHealth(body)) {
    const first = (body as { errors?: Array<{ message?: string; extensions?: { code?: string } }> } | null)
      ?.errors?.[0];
    throw new ApiError(
      first?.message ?? `The API answered ${response.status}.`,
      response.status,
      first?.extensions?.code ?? 'UNKNOWN',
    );
  }
  return body as T;
}

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

/** `/server/health` answers 503 with its report when a component fails: that is data, not an error. */
function isHealth(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'status' in body && !('errors' in body);
}
