/** Who is signed in (GET /me), signing in and out (the session cookie is HttpOnly; the server sets it). */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { ApiProblem } from '../api/problem';
import type { Me } from '../api/views';

export function useMe() {
  return useQuery({
    queryKey: ['me'],
    retry: false,
    staleTime: Infinity,
    queryFn: async (): Promise<Me | null> => {
      try {
        return (await unwrap(api.GET('/api/v1/me', {}))) as unknown as Me;
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 401) return null;
        throw error;
      }
    },
  });
}

export async function login(username: string, password: string): Promise<Me> {
  return (await unwrap(api.POST('/api/v1/auth/login', { body: { username, password } }))) as unknown as Me;
}

export async function fetchAuthOptions(): Promise<{ oidc: boolean }> {
  try {
    return (await unwrap(api.GET('/api/v1/auth/options', {}))) as unknown as { oidc: boolean };
  } catch {
    return { oidc: false };
  }
}

export function useSignOut() {
  const client = useQueryClient();
  return async () => {
    await unwrap(api.POST('/api/v1/auth/logout', {})).catch(() => undefined);
    client.clear();
    client.setQueryData(['me'], null);
  };
}
