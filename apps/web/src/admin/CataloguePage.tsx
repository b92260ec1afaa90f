/** /quan-tri/thu-tuc: the procedure catalogue, its editor, version history, import and export. */
import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconSearch, IconUpload } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Paging } from '../components/Paging';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { CatalogueTable } from './CatalogueTable';
import { AdminDates } from './dates';
import { ImportModal } from './ImportModal';
import { CATALOGUE_KEY, ProcedureEditor } from './ProcedureEditor';
import { LEVELS } from './procedure-form';
import { useProcedureLabels } from './useProcedureLabels';
import { VersionsModal } from './VersionsModal';

const PAGE_SIZE = 20;
type Level = (typeof LEVELS)[number];

export default function CataloguePage() {
  const { t } = useTranslation('admin');
  const labels = useProcedureLabels();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [level, setLevel] = useState<string | null>(null);
  const [onlineLevel, setOnlineLevel] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<string | null>(null);
  const [versions, setVersions] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);

  const query = useQuery({
    queryKey: [...CATALOGUE_KEY, 'list', { q, level, onlineLevel, page }],
    queryFn: () =>
      call(
        api.GET('/api/procedures', {
          params: {
            query: {
              ...(q ? { q } : {}),
              ...(level ? { level: level as Level } : {}),
              ...(onlineLevel ? { onlineLevel: Number(onlineLevel) } : {}),
              page,
              pageSize: PAGE_SIZE,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const pages = query.data ? Math.max(1, Math.ceil(query.data.total / PAGE_SIZE)) : 1;
  const filter = (set: (value: string | null) => void) => (value: string | null) => {
    set(value);
    setPage(1);
  };

  return (
    <AdminDates>
      <Stack>
        <PageTitle>{t('catalogue.title')}</PageTitle>
        <Group gap="xs">
          <Button leftSection={<IconUpload size={16} aria-hidden />} onClick={() => setImporting(true)}>
            {t('catalogue.import')}
          </Button>
          <Button
            component="a"
            href="/api/catalogue/export.json"
            download
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
          >
            {t('catalogue.exportJson')}
          </Button>
          <Button
            component="a"
            href="/api/catalogue/export.xlsx"
            download
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
          >
            {t('catalogue.exportXlsx')}
          </Button>
        </Group>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('catalogue.search')}
            type="search"
            leftSection={<IconSearch size={16} aria-hidden />}
            value={search}
            onChange={(event) => {
              setSearch(event.currentTarget.value);
              setPage(1);
            }}
            style={{ flex: '1 1 260px' }}
          />
          <Select
            label={t('catalogue.levelFilter')}
            placeholder={t('common.all')}
            clearable
            data={LEVELS.map((value) => ({ value, label: labels.level(value) }))}
            value={level}
            onChange={filter(setLevel)}
            style={{ flex: '0 1 200px' }}
          />
          <Select
            label={t('catalogue.onlineFilter')}
            placeholder={t('common.all')}
            clearable
            data={['2', '3', '4'].map((value) => ({ value, label: labels.onlineLevel(Number(value)) }))}
            value={onlineLevel}
            onChange={filter(setOnlineLevel)}
            style={{ flex: '0 1 240px' }}
          />
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
              <CatalogueTable items={query.data.items} onEdit={setEditing} onVersions={setVersions} />
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
        <ProcedureEditor code={editing} onClose={() => setEditing(null)} />
        <VersionsModal code={versions} onClose={() => setVersions(null)} />
        <ImportModal opened={importing} onClose={() => setImporting(false)} />
      </Stack>
    </AdminDates>
  );
}
