/**
 * Who is signed in. The session lives in an httpOnly cookie; `GET /api/auth/me` says who it is
 * (204 = nobody, without an error status). Signing in renews the session and stores the CSRF token; signing out ends it.
 */
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { ApiError, api, call, csrf } from '../api/client';
import type { paths } from '../api/schema';
import { holdsRoleAnywhere } from '@tayninh/domain/org/grants';
import { unitGrants } from './grants';

export type User = paths['/api/auth/me']['get']['responses'][200]['content']['application/json'];
export type Role = User['roles'][number]['role'];

interface AuthState {
  user: User | null;
  loading: boolean;
  login: (username: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
  hasRole: (...roles: Role[]) => boolean;
  isOfficer: boolean;
}

const AuthContext = createContext<AuthState | null>(null);
export const ME_KEY = ['auth', 'me'] as const;

/**
 * Everything cached belonged to the previous person (or to nobody). The "who is signed in" query
 * is kept, not removed: clear() would leave AuthProvider's observer on a dropped query, so the
 * new user set just after would not reach the context until something re-rendered it.
 */
export function forgetOthers(queryClient: QueryClient) {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery({
    queryKey: ME_KEY,
    // 204 (nobody signed in) has no body: null. A 401 is still nobody (a revoked bearer token).
    queryFn: async () => {
      try {
        return (await call(api.GET('/api/auth/me'))) ?? null;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
    retry: false,
  });

  const login = useCallback(
    async (username: string, password: string) => {
      const result = await call(api.POST('/api/auth/login', { body: { username, password } }));
      csrf.set(result.csrfToken);
      forgetOthers(queryClient);
      const user: User = { ...result.user, failedSignIns: result.failedSignIns };
      queryClient.setQueryData(ME_KEY, user);
      return user;
    },
    [queryClient],
  );

  const logout = useCallback(async () => {
    try {
      await call(api.POST('/api/auth/logout'));
    } finally {
      csrf.set(null);
      forgetOthers(queryClient);
      queryClient.setQueryData(ME_KEY, null);
    }
  }, [queryClient]);

  const value = useMemo<AuthState>(() => {
    const user = me.data ?? null;
    return {
      user,
      loading: me.isPending,
      login,
      logout,
      hasRole: (...roles) => !!user && holdsRoleAnywhere(unitGrants(user.roles), roles),
      isOfficer: user?.kind === 'officer',
    };
  }, [me.data, me.isPending, login, logout]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
