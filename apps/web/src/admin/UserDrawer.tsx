/** One account: profile, roles (grant, revoke), lock / unlock and password reset. */
import { Divider, Drawer, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TextBadge } from './shared';
import { api, call } from '../api/client';
import { Loading } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { UserAccountSection } from './UserAccountSection';
import { UserProfileForm } from './UserProfileForm';
import { UserRolesSection } from './UserRolesSection';
import { USERS_KEY, type AdminUser, type GrantableRole } from './users';

interface Props {
  userId: number | null;
  onClose: () => void;
  unitOptions: Array<{ value: string; label: string }>;
  roles: readonly GrantableRole[];
}

export function UserDrawer({ userId, onClose, unitOptions, roles }: Props) {
  const { t } = useTranslation('admin');
  const query = useQuery({
    queryKey: [...USERS_KEY, 'one', userId],
    queryFn: () => call(api.GET('/api/admin/users/{id}', { params: { path: { id: userId! } } })),
    enabled: userId !== null,
  });
  const user = query.data;
  return (
    <Drawer
      opened={userId !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={user ? t('users.drawerTitle', { name: user.fullName }) : t('common.details')}
    >
      {query.isPending && userId !== null && <Loading />}
      <ProblemAlert error={query.error} />
      {user && <UserPanels user={user} unitOptions={unitOptions} roles={roles} />}
    </Drawer>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="sm" component="section">
      <Title order={3} size="h4">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function UserPanels({ user, unitOptions, roles }: { user: AdminUser } & Omit<Props, 'userId' | 'onClose'>) {
  const { t } = useTranslation('admin');
  return (
    <Stack gap="lg">
      <Table>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row">{t('users.fields.username')}</Table.Th>
            <Table.Td ff="monospace">{user.username}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('users.kindFilter')}</Table.Th>
            <Table.Td>{t(`users.kinds.${user.kind}`)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('users.columns.status')}</Table.Th>
            <Table.Td>
              <TextBadge color={user.status === 'active' ? 'green' : 'gray'} variant="light" tt="none">
                {t(`users.status.${user.status}`)}
              </TextBadge>
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('users.fields.identityMasked')}</Table.Th>
            <Table.Td ff="monospace">{user.identityNumberMasked ?? t('common.none')}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Section title={t('users.profile')}>
        <UserProfileForm user={user} unitOptions={unitOptions} />
      </Section>
      <Divider />
      <Section title={t('users.rolesTitle')}>
        {user.kind === 'officer' ? (
          <UserRolesSection user={user} unitOptions={unitOptions} roles={roles} />
        ) : (
          <Text size="sm">{t('users.citizenNote')}</Text>
        )}
      </Section>
      <Divider />
      <Section title={t('users.accountTitle')}>
        <UserAccountSection user={user} />
      </Section>
      <Group />
    </Stack>
  );
}
