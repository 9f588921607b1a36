/** Who is signed in (GET /me), signing in and out (the session cookie is HttpOnly; the server sets it). */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { currentLang } from '../i18n/lang';
import { csrfToken } from '../api/client';
import { ApiProblem, isProblemBody } from '../api/problem';
import type { Me } from '../api/views';

async function send(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Accept-Language', currentLang());
  if (init.method && init.method !== 'GET') {
    headers.set('Content-Type', 'application/json');
    const token = csrfToken();
    if (token) headers.set('X-CSRF-Token', token);
  }
  return fetch(path, { ...init, headers, credentials: 'same-origin' });
}

async function problemOf(response: Response): Promise<ApiProblem> {
  const body: unknown = await response.json().catch(() => undefined);
  return new ApiProblem(isProblemBody(body) ? body : { title: response.statusText, status: response.status });
}

export function useMe() {
  return useQuery({
    queryKey: ['me'],
    retry: false,
    staleTime: Infinity,
    queryFn: async (): Promise<Me | null> => {
      const response = await send('/api/v1/me');
      if (response.status === 401) return null;
      if (!response.ok) throw await problemOf(response);
      return (await response.json()) as Me;
    },
  });
}

export async function login(username: string, password: string): Promise<Me> {
  const response = await send('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ username, password }) });
  if (!response.ok) throw await problemOf(response);
  return (await response.json()) as Me;
}

export async function fetchAuthOptions(): Promise<{ oidc: boolean }> {
  const response = await send('/api/v1/auth/options');
  return response.ok ? ((await response.json()) as { oidc: boolean }) : { oidc: false };
}

export function useSignOut() {
  const client = useQueryClient();
  return async () => {
    await send('/api/v1/auth/logout', { method: 'POST', body: '{}' });
    client.clear();
    client.setQueryData(['me'], null);
  };
}
