/** The list of accounts: name, username, unit, roles, status, masked identity number. */
import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TextBadge } from './shared';
import type { AdminUser } from './users';

export function UsersTable({ users, onOpen }: { users: AdminUser[]; onOpen: (user: AdminUser) => void }) {
  const { t } = useTranslation('admin');
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('users.columns.fullName')}</Table.Th>
            <Table.Th scope="col">{t('users.columns.username')}</Table.Th>
            <Table.Th scope="col">{t('users.columns.unit')}</Table.Th>
            <Table.Th scope="col">{t('users.columns.roles')}</Table.Th>
            <Table.Th scope="col">{t('users.columns.status')}</Table.Th>
            <Table.Th scope="col">{t('users.columns.identity')}</Table.Th>
            <Table.Th scope="col">{t('users.columns.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr key={user.id}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {user.fullName}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`users.kinds.${user.kind}`)}
                </Text>
              </Table.Td>
              <Table.Td ff="monospace">{user.username}</Table.Td>
              <Table.Td>{user.primaryUnit?.name ?? t('common.none')}</Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  {user.roles.map((grant) => (
                    <Text size="xs" key={grant.id}>
                      {grant.unit
                        ? t('users.roleAt', { role: t(`users.roles.${grant.role}`), unit: grant.unit.name })
                        : t(`users.roles.${grant.role}`)}
                    </Text>
                  ))}
                </Stack>
              </Table.Td>
              <Table.Td>
                <TextBadge
                  nowrap
                  color={user.status === 'active' ? 'green' : 'gray'}
                  variant="light"
                  tt="none"
                >
                  {t(`users.status.${user.status}`)}
                </TextBadge>
              </Table.Td>
              <Table.Td ff="monospace">{user.identityNumberMasked ?? t('common.none')}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => onOpen(user)}
                    aria-label={t('users.openFor', { name: user.fullName })}
                  >
                    {t('users.open')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
