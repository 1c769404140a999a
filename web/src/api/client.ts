import createClient from 'openapi-fetch';
// The types are generated from openapi.json (npm run lint:api), so a spec change that breaks a page fails npm run typecheck.
import type { components, paths } from '../../../test/client/schema';
import { session } from '../auth/session';
import { ApiError, toProblem } from './problem';

export type Schemas = components['schemas'];

/** A drift report of one portfolio or of a household's accounts together: the views read only what both have. */
export type DriftReport = Schemas['DriftReportDto'] | Schemas['HouseholdDriftReportDto'];

/** Same origin as the API: the server that serves the dashboard serves /api/v1 too. */
export const api = createClient<paths>({ baseUrl: window.location.origin });

/** The calls made before anyone is signed in. */
const PUBLIC_PATHS = ['/auth/login', '/auth/register', '/health'];

api.use({
  onRequest({ request }) {
    const token = session.token();
    if (token) {
      request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    }
    // Signed out: a page still mounted for a moment (its cache was just cleared) must not call the
    // API without credentials, which would only earn a 401 and count against this address.
    if (PUBLIC_PATHS.some((path) => new URL(request.url).pathname.endsWith(path))) return request;
    return new Response(JSON.stringify({ title: 'Signed out', status: 401, detail: 'Sign in to continue.' }), {
      status: 401,
      headers: { 'content-type': 'application/problem+json' },
    });
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.endsWith('/auth/login')) session.expire();
    return response;
  },
});

type Result<T> = { data?: T; error?: unknown; response: Response };

/** The data of a successful call, or an ApiError carrying the problem+json the server sent. */
export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await pending;
  } catch {
    throw new ApiError(0, { title: 'The server could not be reached', detail: 'Check the connection and try again.' });
  }
  const { data, error, response } = result;
  if (!response.ok || error !== undefined) throw new ApiError(response.status, toProblem(error, response));
  return data as T;
}

/** Follows nextCursor to the end: for lists the dashboard sorts and filters itself. */
export async function fetchAll<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

export function idempotencyKey(): string {
  return crypto.randomUUID();
}
