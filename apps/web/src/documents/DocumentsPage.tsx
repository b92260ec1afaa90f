/**
 * A register on screen: the outgoing (/van-ban/di) or incoming (/van-ban/den) documents the
 * official may read, newest first, searched and filtered by the server (with or without
 * diacritics), paged; the filters live in the URL. Urgent documents are marked in words.
 */
import {
  Anchor,
  Badge,
  Button,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconFileImport, IconPencilPlus, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { useAuth } from '../auth/auth';
import { Loading, PageTitle } from '../components/Page';
import { Paging } from '../components/Paging';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate, formatNumber } from '../lib/format';
import {
  listFiltersToParams,
  listQuery,
  parseListFilters,
  statusesOf,
  type ListFilters,
  type Register,
} from './logic';
import type { DocumentPage } from './types';

const PAGE_SIZE = 20;

export function RegisterList({ register }: { register: Register }) {
  const { t } = useTranslation('documents');
  const { hasRole } = useAuth();
  const [params, setParams] = useSearchParams();
  const filters = parseListFilters(params, register);
  const update = (next: ListFilters) => setParams(listFiltersToParams(next));
  const result = useQuery({
    queryKey: ['documents', register, listFiltersToParams(filters).toString()],
    queryFn: async () =>
      (await call(
        api.GET('/api/documents', { params: { query: listQuery(register, filters, PAGE_SIZE) } }),
      )) as DocumentPage,
    placeholderData: keepPreviousData,
  });
  const total = result.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const title = t(`list.${register}`);
  return (
    <Stack gap="md">
      <PageTitle>{title}</PageTitle>
      {register === 'outgoing' && hasRole('specialist', 'leader') && (
        <Group>
          <Button
            component={Link}
            to="/van-ban/soan-thao"
            leftSection={<IconPencilPlus size={16} aria-hidden />}
          >
            {t('list.newDraft')}
          </Button>
        </Group>
      )}
      {register === 'incoming' && hasRole('clerk') && (
        <Group>
          <Button
            component={Link}
            to="/van-ban/den-giay"
            leftSection={<IconFileImport size={16} aria-hidden />}
          >
            {t('list.newPaper')}
          </Button>
        </Group>
      )}
      <Filters register={register} filters={filters} onChange={update} />
      {result.error && <ProblemAlert error={result.error} />}
      {result.isPending ? (
        <Loading />
      ) : (
        <>
          <Text size="sm" role="status" aria-live="polite">
            {t('list.total', { count: total, formatted: formatNumber(total) })}
          </Text>
          <div role="region" aria-label={t('list.region')} tabIndex={0} style={{ overflowX: 'auto' }}>
            <Table striped highlightOnHover withTableBorder miw={900} verticalSpacing="sm">
              <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
                <VisuallyHidden>{t('list.caption', { register: title })}</VisuallyHidden>
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">
                    {register === 'incoming' ? t('list.columns.arrival') : t('list.columns.number')}
                  </Table.Th>
                  <Table.Th scope="col">{t('list.columns.date')}</Table.Th>
                  <Table.Th scope="col">{t('list.columns.subject')}</Table.Th>
                  {register === 'incoming' && <Table.Th scope="col">{t('list.columns.issuer')}</Table.Th>}
                  <Table.Th scope="col">{t('list.columns.due')}</Table.Th>
                  <Table.Th scope="col">{t('list.columns.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.data?.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>{t('list.empty')}</Table.Td>
                  </Table.Tr>
                )}
                {result.data?.items.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {register === 'incoming'
                        ? (item.arrivalNumber ?? '—')
                        : (item.number ?? t('page.notNumbered'))}
                      {register === 'incoming' && item.origin && (
                        <Text size="xs" c="dimmed">
                          {item.origin}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDate(
                        (register === 'incoming' ? item.arrivalDate : item.issuedDate) ?? item.createdAt,
                      )}
                    </Table.Td>
                    <Table.Td miw={280}>
                      <Anchor component={Link} to={`/van-ban/${item.id}`} fw={600}>
                        {item.subject}
                      </Anchor>
                      <Group gap={4} mt={4}>
                        {item.urgency !== 'normal' && (
                          <Badge color="red" variant="light" radius="sm" tt="none">
                            {t(`urgency.${item.urgency}`)}
                          </Badge>
                        )}
                        {item.secrecy !== 'none' && (
                          <Badge color="dark" variant="light" radius="sm" tt="none">
                            {t(`secrecy.${item.secrecy}`)}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    {register === 'incoming' && <Table.Td miw={160}>{item.issuer ?? '—'}</Table.Td>}
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(item.dueDate)}</Table.Td>
                    <Table.Td miw={180}>
                      <Text size="sm">{t(`status.${item.status}`)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
          {pages > 1 && (
            <Paging
              total={pages}
              value={Math.min(filters.page, pages)}
              onChange={(page) => update({ ...filters, page })}
              withEdges
            />
          )}
        </>
      )}
    </Stack>
  );
}

function Filters({
  register,
  filters,
  onChange,
}: {
  register: Register;
  filters: ListFilters;
  onChange: (filters: ListFilters) => void;
}) {
  const { t } = useTranslation('documents');
  const [text, setText] = useState(filters.q);
  useEffect(() => setText(filters.q), [filters.q]);
  const commit = useDebouncedCallback((q: string) => onChange({ ...filters, q, page: 1 }), 400);
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 6 }, (_, i) => String(thisYear - i));
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <TextInput
        label={t('list.search')}
        description={t('list.searchHint')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={text}
        onChange={(event) => {
          setText(event.currentTarget.value);
          commit(event.currentTarget.value);
        }}
        w={{ base: '100%', sm: 320 }}
        type="search"
      />
      <Select
        label={t('list.status')}
        data={[
          { value: '', label: t('list.anyStatus') },
          ...statusesOf(register).map((status) => ({
            value: status,
            label: t(`status.${status as 'drafting'}`),
          })),
        ]}
        value={filters.status}
        onChange={(status) => onChange({ ...filters, status: status ?? '', page: 1 })}
        allowDeselect={false}
        w={{ base: '100%', sm: 300 }}
      />
      <Select
        label={t('list.year')}
        data={[{ value: '', label: t('list.anyYear') }, ...years.map((y) => ({ value: y, label: y }))]}
        value={filters.year ? String(filters.year) : ''}
        onChange={(year) => onChange({ ...filters, year: year ? Number(year) : null, page: 1 })}
        allowDeselect={false}
        w={{ base: '100%', sm: 140 }}
      />
    </Group>
  );
}
