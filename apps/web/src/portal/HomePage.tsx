/**
 * The portal's home page: search the catalogue as you type (the server folds diacritics), filter
 * by field and agency, browse the most used procedures and the fields. Loaded eagerly with the
 * entry chunk, so it uses only what the layout already loads (Mantine core, react-query, router).
 */
import {
  Anchor,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Paging } from '../components/Paging';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { useAuth } from '../auth/auth';
import { PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { ProcedureList } from './home/ProcedureList';

const PAGE_SIZE = 10;

function useFilters() {
  const [params, setParams] = useSearchParams();
  const filters = {
    q: params.get('q') ?? '',
    field: params.get('linh-vuc') ?? '',
    agency: params.get('co-quan') ?? '',
    online: params.get('truc-tuyen') === '1',
    page: Math.max(1, Number(params.get('trang')) || 1),
  };
  const update = (change: Partial<typeof filters>) => {
    const next = { ...filters, page: 1, ...change };
    const out = new URLSearchParams();
    if (next.q) out.set('q', next.q);
    if (next.field) out.set('linh-vuc', next.field);
    if (next.agency) out.set('co-quan', next.agency);
    if (next.online) out.set('truc-tuyen', '1');
    if (next.page > 1) out.set('trang', String(next.page));
    setParams(out, { replace: true, preventScrollReset: true });
  };
  return [filters, update] as const;
}

export function HomePage() {
  const { t } = useTranslation('portal');
  const { user, isOfficer } = useAuth();
  const [filters, update] = useFilters();
  const [text, setText] = useState(filters.q);
  const [debounced] = useDebouncedValue(text.trim(), 250);
  useEffect(() => {
    if (debounced !== filters.q) update({ q: debounced });
    // Only the typed text drives this; the other filters are read as they are.
  }, [debounced]);

  const searching = !!(filters.q || filters.field || filters.agency || filters.online);
  const fields = useQuery({
    queryKey: ['procedure-fields'],
    queryFn: () => call(api.GET('/api/procedure-fields')),
    staleTime: 10 * 60_000,
  });
  const agencies = useQuery({
    queryKey: ['procedure-agencies'],
    queryFn: () => call(api.GET('/api/procedure-agencies')),
    staleTime: 10 * 60_000,
  });
  const results = useQuery({
    queryKey: ['procedures', filters],
    queryFn: () =>
      call(
        api.GET('/api/procedures', {
          params: {
            query: {
              ...(filters.q ? { q: filters.q } : {}),
              ...(filters.field ? { field: filters.field } : {}),
              ...(filters.agency === 'commune' ? { level: 'commune' as const } : {}),
              ...(filters.agency.startsWith('u') ? { unitId: Number(filters.agency.slice(1)) } : {}),
              ...(filters.online ? { onlineClass: 'toan-trinh' as const } : {}),
              page: filters.page,
              pageSize: PAGE_SIZE,
            },
          },
        }),
      ),
    enabled: searching,
    placeholderData: keepPreviousData,
  });
  const popular = useQuery({
    queryKey: ['procedures', 'popular'],
    queryFn: () => call(api.GET('/api/procedures/popular', { params: { query: { limit: 8 } } })),
    enabled: !searching,
    staleTime: 5 * 60_000,
  });

  const fieldOptions = (fields.data ?? [])
    .filter((field) => field.count > 0)
    .map((field) => ({ value: field.code, label: field.name }));
  const agencyOptions = [
    { value: 'commune', label: t('home.communeLevel') },
    ...(agencies.data ?? []).map((agency) => ({ value: `u${agency.id}`, label: agency.name })),
  ];
  const pages = results.data ? Math.ceil(results.data.total / PAGE_SIZE) : 0;

  return (
    <Stack gap="lg">
      <div>
        <PageTitle>{t('home.title')}</PageTitle>
        <Text>{t('home.intro')}</Text>
      </div>
      <Stack gap="sm" component="form" role="search" onSubmit={(event) => event.preventDefault()}>
        <TextInput
          size="md"
          type="search"
          label={t('home.searchLabel')}
          description={t('home.searchDescription')}
          placeholder={t('home.searchPlaceholder')}
          leftSection={<IconSearch size={18} aria-hidden />}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          autoComplete="off"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            label={t('home.field')}
            data={[{ value: '', label: t('home.all') }, ...fieldOptions]}
            value={filters.field}
            onChange={(event) => update({ field: event.currentTarget.value })}
          />
          <NativeSelect
            label={t('home.agency')}
            data={[{ value: '', label: t('home.all') }, ...agencyOptions]}
            value={filters.agency}
            onChange={(event) => update({ agency: event.currentTarget.value })}
          />
        </SimpleGrid>
        <Group justify="space-between">
          <Checkbox
            label={t('home.onlineOnly')}
            checked={filters.online}
            onChange={(event) => update({ online: event.currentTarget.checked })}
          />
          {searching && (
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => {
                setText('');
                update({ q: '', field: '', agency: '', online: false });
              }}
            >
              {t('home.clear')}
            </Button>
          )}
        </Group>
      </Stack>

      {searching ? (
        <Stack gap="sm" component="section" aria-labelledby="results-heading">
          <Text component="h2" fw={700} size="xl" id="results-heading">
            {t('home.results')}
          </Text>
          <ProblemAlert error={results.error} />
          <Text role="status" aria-live="polite" c="dimmed" size="sm">
            {results.data &&
              (results.data.total > 0
                ? t('home.resultCount', { count: results.data.total })
                : t('home.noResults'))}
          </Text>
          {results.data && <ProcedureList items={results.data.items} />}
          {pages > 1 && (
            <Paging
              total={pages}
              value={filters.page}
              onChange={(page) => update({ ...filters, page })}
              label={t('home.pagination')}
              siblings={1}
              boundaries={1}
            />
          )}
        </Stack>
      ) : (
        <>
          <Stack gap="sm" component="section" aria-labelledby="popular-heading">
            <Text component="h2" fw={700} size="xl" id="popular-heading">
              {t('home.popular')}
            </Text>
            <ProblemAlert error={popular.error} />
            {popular.data && <ProcedureList items={popular.data} showSubmissions />}
          </Stack>
          <Stack gap="sm" component="section" aria-labelledby="fields-heading">
            <Text component="h2" fw={700} size="xl" id="fields-heading">
              {t('home.byField')}
            </Text>
            <SimpleGrid
              cols={{ base: 1, sm: 2, md: 3 }}
              spacing="xs"
              component="ul"
              m={0}
              p={0}
              style={{ listStyle: 'none' }}
            >
              {(fields.data ?? [])
                .filter((field) => field.count > 0)
                .map((field) => (
                  <li key={field.code}>
                    <Anchor
                      component={Link}
                      to={`/?linh-vuc=${encodeURIComponent(field.code)}`}
                      onClick={() => setText('')}
                    >
                      {field.name}
                    </Anchor>{' '}
                    <Text span size="sm" c="dimmed">
                      ({t('home.fieldCount', { count: field.count })})
                    </Text>
                  </li>
                ))}
            </SimpleGrid>
          </Stack>
        </>
      )}
      {!isOfficer && (
        <Group gap="md" component="nav" aria-label={t('home.quickLinks')}>
          <Anchor component={Link} to="/tra-cuu">
            {t('home.trackLink')}
          </Anchor>
          {user && (
            <Anchor component={Link} to="/ho-so-cua-toi">
              {t('home.myLink')}
            </Anchor>
          )}
        </Group>
      )}
    </Stack>
  );
}
