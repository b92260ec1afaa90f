/** /quan-tri/nguoi-dung: accounts in my scope, paginated and searchable; create, edit, roles. */
import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Paging } from '../components/Paging';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { useAuth } from '../auth/auth';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { todayIso } from '../lib/format';
import { CreateUserModal } from './CreateUserModal';
import { useAllUnits, useManagedUnitIds } from './hooks';
import { UserDrawer } from './UserDrawer';
import { grantableRoles, USERS_KEY } from './users';
import { unitOptions } from './units-tree';
import { UsersTable } from './UsersTable';
import { foldedFilter } from '../lib/search';

const PAGE_SIZE = 20;

export default function UsersPage() {
  const { t } = useTranslation('admin');
  const { hasRole } = useAuth();
  const systemAdmin = hasRole('system_admin');
  const units = useAllUnits();
  const managed = useManagedUnitIds(units.data);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>('officer');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);

  const options = useMemo(
    () => unitOptions(units.data ?? [], todayIso(), (unit) => managed === null || managed.has(unit.id)),
    [units.data, managed],
  );
  const query = useQuery({
    queryKey: [...USERS_KEY, 'list', { q, unitId, kind, page }],
    queryFn: () =>
      call(
        api.GET('/api/admin/users', {
          params: {
            query: {
              ...(q ? { q } : {}),
              ...(unitId ? { unitId: Number(unitId) } : {}),
              ...(kind ? { kind: kind as 'officer' | 'citizen' } : {}),
              page,
              pageSize: PAGE_SIZE,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const pages = query.data ? Math.max(1, Math.ceil(query.data.total / PAGE_SIZE)) : 1;
  const roles = grantableRoles(systemAdmin);

  return (
    <Stack>
      <PageTitle>{t('users.title')}</PageTitle>
      <Group align="flex-end" gap="sm">
        <TextInput
          label={t('users.search')}
          type="search"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setPage(1);
          }}
          style={{ flex: '1 1 240px' }}
        />
        <Select
          label={t('users.unitFilter')}
          placeholder={t('common.all')}
          searchable
          filter={foldedFilter}
          clearable
          data={options}
          value={unitId}
          onChange={(value) => {
            setUnitId(value);
            setPage(1);
          }}
          nothingFoundMessage={t('common.noResults')}
          style={{ flex: '1 1 240px' }}
        />
        {systemAdmin && (
          <Select
            label={t('users.kindFilter')}
            placeholder={t('common.all')}
            clearable
            data={[
              { value: 'officer', label: t('users.kinds.officer') },
              { value: 'citizen', label: t('users.kinds.citizen') },
            ]}
            value={kind}
            onChange={(value) => {
              setKind(value);
              setPage(1);
            }}
            style={{ flex: '0 1 200px' }}
          />
        )}
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
          {t('users.create')}
        </Button>
      </Group>
      <ProblemAlert error={query.error} />
      {query.isPending && <Loading />}
      {query.data && (
        <>
          <Text size="sm" aria-live="polite">
            {t('common.total', { count: query.data.total })}
          </Text>
          {query.data.items.length === 0 ? (
            <Text>{t('common.noResults')}</Text>
          ) : (
            <UsersTable users={query.data.items} onOpen={(user) => setOpenId(user.id)} />
          )}
          {pages > 1 && (
            <Paging
              total={pages}
              value={page}
              onChange={setPage}
              label={t('common.pagination')}
              siblings={1}
              boundaries={1}
            />
          )}
        </>
      )}
      <CreateUserModal
        opened={creating}
        onClose={() => setCreating(false)}
        unitOptions={options}
        roles={roles}
        onCreated={setOpenId}
      />
      <UserDrawer userId={openId} onClose={() => setOpenId(null)} unitOptions={options} roles={roles} />
    </Stack>
  );
}
