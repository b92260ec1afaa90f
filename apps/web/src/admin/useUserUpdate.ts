/** Changes to an account, refreshing the list and the open account afterwards. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/client';
import type { paths } from '../api/schema';
import { USERS_KEY, type AdminUser } from './users';

type Body = NonNullable<
  paths['/api/admin/users/{id}']['patch']['requestBody']
>['content']['application/json'];

export function useUserUpdate(user: AdminUser, onSuccess?: (saved: AdminUser) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) =>
      call(api.PATCH('/api/admin/users/{id}', { params: { path: { id: user.id } }, body })),
    onSuccess: async (saved) => {
      queryClient.setQueryData([...USERS_KEY, 'one', user.id], saved);
      await queryClient.invalidateQueries({ queryKey: USERS_KEY });
      onSuccess?.(saved);
    },
  });
}

export function useUsersRefresh() {
  const queryClient = useQueryClient();
  return async (saved: AdminUser) => {
    queryClient.setQueryData([...USERS_KEY, 'one', saved.id], saved);
    await queryClient.invalidateQueries({ queryKey: USERS_KEY });
  };
}
