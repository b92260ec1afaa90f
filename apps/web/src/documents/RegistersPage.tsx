/**
 * The registers of Phụ lục IV (sổ đăng ký văn bản đi, đến, sổ theo dõi giải quyết văn bản đến)
 * of an agency where the official is văn thư or leader, for a period: on screen with every
 * column, and as the A4 PDF and the Excel file the server makes.
 */
import { Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { IconFileSpreadsheet, IconFileTypePdf } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { useAuth } from '../auth/auth';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { todayIso } from '../lib/format';
import { DateField } from '../office/DateField';

type Kind = 'outgoing' | 'incoming' | 'tracking';
interface Sheet {
  columns: string[];
  rows: string[][];
}

export default function RegistersPage() {
  const { t } = useTranslation('documents');
  const { user } = useAuth();
  const agencies = [
    ...new Map(
      (user?.roles ?? [])
        .filter((grant) => (grant.role === 'clerk' || grant.role === 'leader') && grant.unit)
        .map((grant) => [String(grant.unit!.id), grant.unit!.name]),
    ),
  ].map(([value, label]) => ({ value, label }));
  const today = todayIso();
  const [unit, setUnit] = useState<string | null>(agencies[0]?.value ?? null);
  const [kind, setKind] = useState<Kind>('incoming');
  const [from, setFrom] = useState<string | null>(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState<string | null>(today);
  const query = unit && from && to ? { unit, register: kind, from, to } : null;
  const sheet = useQuery({
    queryKey: ['registers', query],
    queryFn: async () =>
      (await call(api.GET('/api/registers/documents', { params: { query: query! } }))) as Sheet,
    enabled: query !== null,
  });
  const link = (ext: 'pdf' | 'xlsx') =>
    query ? `/api/registers/documents.${ext}?${new URLSearchParams(query).toString()}` : undefined;
  return (
    <Stack gap="md">
      <PageTitle>{t('registers.title')}</PageTitle>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label={t('registers.agency')}
          data={agencies}
          value={unit}
          onChange={setUnit}
          allowDeselect={false}
          w={{ base: '100%', sm: 300 }}
        />
        <Select
          label={t('registers.kind')}
          data={(['outgoing', 'incoming', 'tracking'] as const).map((k) => ({
            value: k,
            label: t(`registers.${k}`),
          }))}
          value={kind}
          onChange={(k) => setKind(k ?? 'incoming')}
          allowDeselect={false}
          w={{ base: '100%', sm: 320 }}
        />
        <DateField label={t('registers.from')} value={from} onChange={setFrom} maw={180} />
        <DateField label={t('registers.to')} value={to} onChange={setTo} maw={180} />
      </Group>
      <Group gap="sm">
        <Button
          component="a"
          href={link('pdf')}
          variant="default"
          leftSection={<IconFileTypePdf size={16} aria-hidden />}
          disabled={!query}
        >
          {t('registers.pdf')}
        </Button>
        <Button
          component="a"
          href={link('xlsx')}
          variant="default"
          leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
          disabled={!query}
        >
          {t('registers.xlsx')}
        </Button>
      </Group>
      {sheet.error && <ProblemAlert error={sheet.error} />}
      {sheet.isFetching && !sheet.data && <Loading />}
      {sheet.data && (
        <>
          <Text size="sm" role="status">
            {t('registers.rows', { count: sheet.data.rows.length })}
          </Text>
          <div role="region" aria-label={t('registers.region')} tabIndex={0} style={{ overflowX: 'auto' }}>
            <Table withTableBorder striped miw={1000}>
              <Table.Thead>
                <Table.Tr>
                  {sheet.data.columns.map((column) => (
                    <Table.Th key={column} scope="col">
                      {column}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sheet.data.rows.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={sheet.data.columns.length}>{t('registers.empty')}</Table.Td>
                  </Table.Tr>
                )}
                {sheet.data.rows.map((row, i) => (
                  <Table.Tr key={i}>
                    {row.map((cell, j) => (
                      <Table.Td key={j}>{cell}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        </>
      )}
    </Stack>
  );
}
