/** Roles held by an officer, each at a unit (optionally with its subtree): grant and revoke. */
import { Button, Checkbox, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { ProblemAlert } from '../components/ProblemAlert';
import { ConfirmWithReason, notifySuccess, ReasonInput, useReasonRule } from './shared';
import { useUsersRefresh } from './useUserUpdate';
import type { AdminUser, GrantableRole, RoleGrant } from './users';
import { foldedFilter } from '../lib/search';

interface Props {
  user: AdminUser;
  unitOptions: Array<{ value: string; label: string }>;
  roles: readonly GrantableRole[];
}

export function UserRolesSection({ user, unitOptions, roles }: Props) {
  const { t } = useTranslation('admin');
  const refresh = useUsersRefresh();
  const [revoking, setRevoking] = useState<RoleGrant | null>(null);
  const unitName = (grant: RoleGrant) => grant.unit?.name ?? t('common.none');
  return (
    <Stack gap="sm">
      {user.roles.length === 0 ? (
        <Text size="sm">{t('users.noRoles')}</Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {user.roles.map((grant) => (
            <Paper withBorder p="xs" component="li" key={grant.id}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <div>
                  <Text size="sm" fw={600}>
                    {t(`users.roles.${grant.role}`)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {unitName(grant)}
                    {grant.includeSubtree ? ` (${t('users.subtree')})` : ''}
                  </Text>
                </div>
                {grant.role !== 'citizen' && (
                  <Button
                    size="xs"
                    variant="outline"
                    color="red"
                    style={{ flexShrink: 0 }}
                    onClick={() => setRevoking(grant)}
                    aria-label={t('users.revokeLabel', {
                      role: t(`users.roles.${grant.role}`),
                      unit: unitName(grant),
                    })}
                  >
                    {t('users.revoke')}
                  </Button>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <ConfirmWithReason
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={t('users.revokeTitle')}
        message={
          revoking
            ? t('users.revokeConfirm', {
                role: t(`users.roles.${revoking.role}`),
                unit: unitName(revoking),
                name: user.fullName,
              })
            : ''
        }
        confirmLabel={t('users.revoke')}
        onConfirm={async (reason) => {
          const grant = revoking!;
          const saved = await call(
            api.POST('/api/admin/role-grants/{id}/revoke', {
              params: { path: { id: grant.id } },
              body: { reason },
            }),
          );
          await refresh(saved);
          notifySuccess(t('users.revoked', { role: t(`users.roles.${grant.role}`) }));
        }}
      />
      <GrantRoleForm user={user} unitOptions={unitOptions} roles={roles} />
    </Stack>
  );
}

function GrantRoleForm({ user, unitOptions, roles }: Props) {
  const { t } = useTranslation('admin');
  const refresh = useUsersRefresh();
  const reasonRule = useReasonRule();
  const form = useForm({
    initialValues: {
      role: null as string | null,
      unitId: user.primaryUnit ? String(user.primaryUnit.id) : (null as string | null),
      includeSubtree: false,
      reason: '',
    },
    validate: {
      role: (value) =>
        value ? null : t('common.chooseRequired', { field: t('users.fields.role').toLowerCase() }),
      unitId: (value) =>
        value ? null : t('common.chooseRequired', { field: t('users.fields.unit').toLowerCase() }),
      reason: reasonRule,
    },
  });
  const mutation = useMutation({
    mutationFn: (values: typeof form.values) =>
      call(
        api.POST('/api/admin/users/{id}/roles', {
          params: { path: { id: user.id } },
          body: {
            role: values.role as GrantableRole,
            unitId: Number(values.unitId),
            includeSubtree: values.includeSubtree,
            reason: values.reason.trim(),
          },
        }),
      ),
    onSuccess: async (saved, values) => {
      await refresh(saved);
      notifySuccess(t('users.granted', { role: t(`users.roles.${values.role as GrantableRole}`) }));
      form.reset();
    },
  });
  return (
    <Paper withBorder p="sm" bg="gray.0">
      <form noValidate onSubmit={form.onSubmit((values) => mutation.mutate(values))}>
        <Stack gap="sm">
          <Title order={4} size="h5">
            {t('users.grantTitle')}
          </Title>
          <ProblemAlert error={mutation.error} />
          <Select
            label={t('users.fields.role')}
            required
            data={roles.map((role) => ({ value: role, label: t(`users.roles.${role}`) }))}
            {...form.getInputProps('role')}
          />
          <Select
            label={t('users.fields.unit')}
            required
            searchable
            filter={foldedFilter}
            data={unitOptions}
            nothingFoundMessage={t('common.noResults')}
            {...form.getInputProps('unitId')}
          />
          <Checkbox
            label={t('users.fields.includeSubtree')}
            {...form.getInputProps('includeSubtree', { type: 'checkbox' })}
          />
          <ReasonInput {...form.getInputProps('reason')} />
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              {t('users.grant')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
