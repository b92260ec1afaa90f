/** Lock or unlock an account, and set a new password; both end the account's sessions. */
import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { ConfirmWithReason, notifySuccess } from './shared';
import { useUsersRefresh } from './useUserUpdate';
import type { AdminUser } from './users';
import { isStrongPassword } from './validation';

export function UserAccountSection({ user }: { user: AdminUser }) {
  const { t } = useTranslation('admin');
  const refresh = useUsersRefresh();
  const [confirm, setConfirm] = useState<'status' | 'password' | null>(null);
  const form = useForm({
    initialValues: { password: '' },
    validate: { password: (value) => (isStrongPassword(value) ? null : t('users.invalid.password')) },
  });
  const disabling = user.status === 'active';
  const patch = async (body: { status?: 'active' | 'disabled'; password?: string; reason: string }) => {
    const saved = await call(api.PATCH('/api/admin/users/{id}', { params: { path: { id: user.id } }, body }));
    await refresh(saved);
    return saved;
  };
  return (
    <Stack gap="md">
      <Group>
        <Button variant="outline" color={disabling ? 'red' : 'green'} onClick={() => setConfirm('status')}>
          {disabling ? t('users.disable') : t('users.enable')}
        </Button>
      </Group>
      <form noValidate onSubmit={form.onSubmit(() => setConfirm('password'))}>
        <Stack gap="xs">
          <PasswordInput
            label={t('users.fields.newPassword')}
            description={t('users.fields.passwordHint')}
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <Group>
            <Button type="submit" variant="outline">
              {t('users.resetPassword')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ConfirmWithReason
        opened={confirm === 'status'}
        onClose={() => setConfirm(null)}
        title={disabling ? t('users.disable') : t('users.enable')}
        message={t(disabling ? 'users.disableConfirm' : 'users.enableConfirm', { name: user.fullName })}
        confirmLabel={disabling ? t('users.disable') : t('users.enable')}
        danger={disabling}
        onConfirm={async (reason) => {
          const saved = await patch({ status: disabling ? 'disabled' : 'active', reason });
          notifySuccess(t(disabling ? 'users.disabled' : 'users.enabled', { username: saved.username }));
        }}
      />
      <ConfirmWithReason
        opened={confirm === 'password'}
        onClose={() => setConfirm(null)}
        title={t('users.resetPassword')}
        message={t('users.resetConfirm', { name: user.fullName })}
        confirmLabel={t('users.resetPassword')}
        onConfirm={async (reason) => {
          const saved = await patch({ password: form.values.password, reason });
          form.reset();
          notifySuccess(t('users.passwordReset', { username: saved.username }));
        }}
      />
    </Stack>
  );
}
