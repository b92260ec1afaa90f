/**
 * A work queue: the dossiers waiting for this officer, filtered, sorted and paged by the server.
 * The filters live in the URL (?q=…&status=…&sort=…&page=…) so a view can be shared and survives
 * a reload. On a phone the table scrolls sideways inside its own focusable region.
 */
import {
  Anchor,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconArrowsSort, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Paging } from '../components/Paging';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { DOSSIER_STATUSES } from '@tayninh/domain/dossiers/lifecycle';
import { api, call } from '../api/client';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { StatusBadge } from '../components/StatusBadge';
import { formatDateTime, formatNumber } from '../lib/format';
import { DateField } from './DateField';
import { DueDate } from './DueDate';
import {
  CHANNELS,
  DEFAULT_FILTERS,
  filtersToParams,
  isQueue,
  parseFilters,
  queueQuery,
  toggleSort,
  withFilter,
  type QueueFilters,
  type SortKey,
} from './logic';
import { ProcedurePicker } from './pickers';
import { dateColumns, deadlineColumn } from './queue-columns';

const PAGE_SIZE = 20;

export default function QueuePage() {
  const { queue } = useParams();
  const { t } = useTranslation(['office', 'common']);
  const [params, setParams] = useSearchParams();
  const filters = parseFilters(params, DOSSIER_STATUSES);
  const valid = isQueue(queue);
  const update = (next: QueueFilters) => setParams(filtersToParams(next), { replace: false });

  const result = useQuery({
    queryKey: ['queues', queue, filtersToParams(filters).toString()],
    queryFn: () =>
      call(
        api.GET('/api/dossiers', {
          params: { query: queueQuery(valid ? queue : 'all', filters, PAGE_SIZE) },
        }),
      ),
    enabled: valid,
    placeholderData: keepPreviousData,
  });

  if (!valid)
    return (
      <Stack>
        <PageTitle>{t('queues.all')}</PageTitle>
        <Text>{t('queue.unknownQueue')}</Text>
      </Stack>
    );
  const title = t(`queues.${queue}`);
  const dates = dateColumns(queue);
  const deadline = deadlineColumn(queue);
  const total = result.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <Stack gap="md">
      <PageTitle>{title}</PageTitle>
      <Filters filters={filters} onChange={update} />
      {result.error && <ProblemAlert error={result.error} />}
      {result.isPending ? (
        <Loading />
      ) : (
        <>
          <Text size="sm" role="status" aria-live="polite">
            {t('queue.total', { count: total, formatted: formatNumber(total) })}
          </Text>
          <div
            role="region"
            aria-label={t('queue.region')}
            tabIndex={0}
            style={{ overflowX: 'auto', position: 'relative', opacity: result.isFetching ? 0.7 : 1 }}
          >
            <Table striped highlightOnHover withTableBorder miw={1100} verticalSpacing="sm">
              <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
                <VisuallyHidden>{t('queue.caption', { queue: title })}</VisuallyHidden>
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <SortHeader
                    column="code"
                    label={t('queue.columns.code')}
                    filters={filters}
                    onChange={update}
                  />
                  <Table.Th scope="col">{t('queue.columns.procedure')}</Table.Th>
                  <Table.Th scope="col">{t('queue.columns.applicant')}</Table.Th>
                  {dates.map((column) => (
                    <SortHeader
                      key={column}
                      column={column}
                      label={t(
                        column === 'submittedAt' ? 'queue.columns.submitted' : 'queue.columns.received',
                      )}
                      filters={filters}
                      onChange={update}
                    />
                  ))}
                  <SortHeader
                    column="dueAt"
                    label={t(deadline === 'task' ? 'queue.columns.taskDue' : 'queue.columns.due')}
                    filters={filters}
                    onChange={update}
                  />
                  <Table.Th scope="col">{t('queue.columns.status')}</Table.Th>
                  <Table.Th scope="col">{t('queue.columns.handlingUnit')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.data?.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={6 + dates.length}>{t('queue.empty')}</Table.Td>
                  </Table.Tr>
                )}
                {result.data?.items.map((item) => (
                  <Table.Tr key={item.code}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Anchor component={Link} to={`/mot-cua/ho-so/${item.code}`} fw={600}>
                        {item.code}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {t(`common:channel.${item.channel as 'online'}`, item.channel)}
                      </Text>
                    </Table.Td>
                    <Table.Td miw={220} maw={320}>
                      <Text size="sm" lineClamp={3}>
                        {item.procedureName}
                      </Text>
                    </Table.Td>
                    <Table.Td>{item.applicantName}</Table.Td>
                    {dates.map((column) => (
                      <Table.Td key={column} style={{ whiteSpace: 'nowrap' }}>
                        {item[column] ? (
                          formatDateTime(item[column])
                        ) : (
                          <Text size="sm" c="dimmed" component="span">
                            {t('queue.notReceived')}
                          </Text>
                        )}
                      </Table.Td>
                    ))}
                    <Table.Td miw={190}>
                      {deadline === 'task' && item.task ? (
                        <DueDate
                          dueAt={item.task.dueAt}
                          remainingMinutes={item.task.remainingWorkingMinutes}
                          minutesPerDay={result.data.workingMinutesPerDay}
                        />
                      ) : (
                        <DueDate
                          dueAt={item.dueAt}
                          remainingMinutes={item.remainingWorkingMinutes}
                          minutesPerDay={result.data.workingMinutesPerDay}
                        />
                      )}
                    </Table.Td>
                    <Table.Td miw={170}>
                      <StatusBadge status={item.status} />
                    </Table.Td>
                    <Table.Td miw={130}>{item.handlingUnit}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
          {pages > 1 && (
            <Paging
              label={t('queue.pages')}
              total={pages}
              value={Math.min(filters.page, pages)}
              onChange={(page) => update(withFilter(filters, { page }))}
              withEdges
            />
          )}
        </>
      )}
    </Stack>
  );
}

function SortHeader({
  column,
  label,
  filters,
  onChange,
}: {
  column: SortKey;
  label: string;
  filters: QueueFilters;
  onChange: (filters: QueueFilters) => void;
}) {
  const { t } = useTranslation('office');
  const active = filters.sort === column;
  const Icon = !active ? IconArrowsSort : filters.order === 'asc' ? IconArrowUp : IconArrowDown;
  return (
    <Table.Th
      scope="col"
      aria-sort={active ? (filters.order === 'asc' ? 'ascending' : 'descending') : 'none'}
      style={{ whiteSpace: 'nowrap' }}
    >
      <UnstyledButton
        onClick={() => onChange(toggleSort(filters, column))}
        fw={700}
        fz="sm"
        style={{ display: 'inline-flex', alignItems: 'center', gap: 4, position: 'relative' }}
      >
        {label}
        <Icon size={14} aria-hidden />
        <VisuallyHidden>
          {active
            ? `(${filters.order === 'asc' ? t('queue.sortedAsc') : t('queue.sortedDesc')})`
            : `(${t('queue.sortBy', { column: label })})`}
        </VisuallyHidden>
      </UnstyledButton>
    </Table.Th>
  );
}

function Filters({
  filters,
  onChange,
}: {
  filters: QueueFilters;
  onChange: (filters: QueueFilters) => void;
}) {
  const { t } = useTranslation(['office', 'common']);
  // The text box updates the URL after a pause in typing, not on every key.
  const [text, setText] = useState(filters.q);
  useEffect(() => setText(filters.q), [filters.q]);
  const commitText = useDebouncedCallback(
    (value: string) => onChange(withFilter(filters, { q: value.trim() })),
    350,
  );
  const set = (change: Partial<QueueFilters>) => onChange(withFilter(filters, change));
  const any = t('queue.any');
  return (
    <Paper
      withBorder
      p="sm"
      component="form"
      role="search"
      aria-label={t('queue.filters')}
      onSubmit={(event) => {
        event.preventDefault();
        onChange(withFilter(filters, { q: text.trim() }));
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        <TextInput
          label={t('queue.search')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={text}
          maxLength={100}
          onChange={(event) => {
            setText(event.currentTarget.value);
            commitText(event.currentTarget.value);
          }}
          type="search"
        />
        <ProcedurePicker
          label={t('queue.procedure')}
          placeholder={t('queue.procedurePlaceholder')}
          value={filters.procedureCode || null}
          onChange={(value) => set({ procedureCode: value ?? '' })}
          clearable
        />
        <Select
          label={t('queue.channel')}
          placeholder={any}
          data={CHANNELS.map((channel) => ({ value: channel, label: t(`common:channel.${channel}`) }))}
          value={filters.channel || null}
          onChange={(value) => set({ channel: value ?? '' })}
          clearable
        />
        <Select
          label={t('queue.status')}
          placeholder={any}
          data={DOSSIER_STATUSES.filter((status) => status !== 'draft').map((status) => ({
            value: status,
            label: t(`common:dossierStatus.${status}`),
          }))}
          value={filters.status || null}
          onChange={(value) => set({ status: value ?? '' })}
          clearable
        />
        <DateField
          label={t('queue.receivedFrom')}
          value={filters.receivedFrom || null}
          onChange={(value) => set({ receivedFrom: value ?? '' })}
          clearable
        />
        <DateField
          label={t('queue.receivedTo')}
          value={filters.receivedTo || null}
          onChange={(value) => set({ receivedTo: value ?? '' })}
          clearable
        />
      </SimpleGrid>
      <Group justify="flex-end" mt="sm">
        <Button
          variant="subtle"
          onClick={() => onChange({ ...DEFAULT_FILTERS, sort: filters.sort, order: filters.order })}
        >
          {t('queue.clear')}
        </Button>
      </Group>
    </Paper>
  );
}
