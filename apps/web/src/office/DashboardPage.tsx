/**
 * /mot-cua/bang-dieu-khien: the leaders' and officers' dashboard. A unit the user may see (the
 * server checks it again: GET /api/stats/report answers 403 otherwise) and a period; the key
 * figures, the subordinate units, the months (GET /api/stats/trend), the official report
 * Biểu 06/VPCP/KSTT with its Excel file, and the plan's indicators (GET /api/stats/indicators).
 */
import '@mantine/charts/styles.css';
import {
  Alert,
  Button,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import type { paths } from '../api/schema';
import { useAuth, type User } from '../auth/auth';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate, formatNumber } from '../lib/format';
import { DossiersChart, ResolvedChart, TrendCharts } from '../stats/charts';
import { figuresOf, sumFigures, type NamedFigures } from '../stats/figures';
import { PeriodPicker } from '../stats/PeriodPicker';
import { num, pct, periodRange, shortName, usePeriodParams } from '../stats/period';
import { StatCards } from '../stats/StatCards';
import { AgencyTable, CaptionedTable, MonthTable, Report06Table } from '../stats/tables';

type TreeNode = paths['/api/units/tree']['get']['responses'][200]['content']['application/json'][number];
type Level = 'province' | 'local';

const REPORT_ROLES = ['leader', 'agency_admin', 'receiving_officer', 'specialist'];
const LOCAL_KINDS = ['commune', 'district'];

interface UnitOption {
  id: number;
  agencyCode: string;
  name: string;
  kind: string;
}

/** The open units the user may see reports of, as the server decides (routes.ts reportUnit). */
function visibleUnits(tree: TreeNode[], user: User): UnitOption[] {
  const admin = user.roles.some((grant) => grant.role === 'system_admin');
  const grants = user.roles.filter((grant) => REPORT_ROLES.includes(grant.role) && grant.unit);
  const out: UnitOption[] = [];
  const walk = (nodes: TreeNode[], inherited: boolean) => {
    for (const node of nodes) {
      const own = grants.some((grant) => grant.unit!.id === node.id);
      const subtree = grants.some((grant) => grant.unit!.id === node.id && grant.includeSubtree);
      if ((admin || inherited || own) && node.agencyCode)
        out.push({ id: node.id, agencyCode: node.agencyCode, name: node.name, kind: node.kind });
      walk(node.children ?? [], inherited || subtree);
    }
  };
  walk(tree, false);
  return out;
}

export default function DashboardPage() {
  const { t } = useTranslation('stats');
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const [period, setPeriod] = usePeriodParams();
  const { from, to } = periodRange(period);
  const [level, setLevel] = useState<Level>('province');

  const tree = useQuery({
    queryKey: ['units-tree'],
    queryFn: () => call(api.GET('/api/units/tree')),
    staleTime: 10 * 60_000,
  });
  const units = useMemo(
    () => (tree.data && user ? visibleUnits(tree.data as TreeNode[], user) : []),
    [tree.data, user],
  );
  const kindOf = useMemo(() => new Map(units.map((unit) => [unit.id, unit.kind])), [units]);
  const asked = params.get('don-vi');
  const unit = units.find((u) => u.agencyCode === asked) ?? units[0];
  const chooseUnit = (code: string | null) => {
    if (!code) return;
    const next = new URLSearchParams(params);
    next.set('don-vi', code);
    setParams(next, { replace: true, preventScrollReset: true });
  };
  const query = unit ? { unit: unit.agencyCode, from, to } : null;
  const enabled = !!query && from <= to;
  const report = useQuery({
    queryKey: ['stats-report', query],
    queryFn: () => call(api.GET('/api/stats/report', { params: { query: query! } })),
    enabled,
    placeholderData: keepPreviousData,
  });
  const trend = useQuery({
    queryKey: ['stats-trend', query],
    queryFn: () => call(api.GET('/api/stats/trend', { params: { query: query! } })),
    enabled,
    placeholderData: keepPreviousData,
  });
  const indicators = useQuery({
    queryKey: ['stats-indicators', query],
    queryFn: () => call(api.GET('/api/stats/indicators', { params: { query: query! } })),
    enabled,
    placeholderData: keepPreviousData,
  });

  const collator = new Intl.Collator('vi');
  const groups = [
    { level: 'province', label: t('dashboard.groupProvince') },
    { level: 'local', label: t('dashboard.groupLocal') },
  ].map((group) => ({
    group: group.label,
    items: units
      .filter((u) => LOCAL_KINDS.includes(u.kind) === (group.level === 'local'))
      .sort((a, b) =>
        a.kind === 'province'
          ? -1
          : b.kind === 'province'
            ? 1
            : collator.compare(shortName(a.name), shortName(b.name)),
      )
      .map((u) => ({ value: u.agencyCode, label: shortName(u.name) })),
  }));

  if (tree.isPending) return <Loading />;
  const data = report.data;
  const range = data
    ? t('period.range', { from: formatDate(data.from), to: formatDate(data.to) }).toLowerCase()
    : '';
  const unitName = data ? shortName(data.unit.name) : '';
  const childRows = (data?.childUnits ?? []).filter(
    (row) => row.received > 0 || row.resolved > 0 || row.inProgress > 0 || row.withdrawnOrStopped > 0,
  );
  const levelOf = (id: number): Level =>
    LOCAL_KINDS.includes(kindOf.get(id) ?? 'district') ? 'local' : 'province';
  const mixed = new Set(childRows.filter((row) => !row.self).map((row) => levelOf(row.unitId))).size > 1;
  const byUnit: NamedFigures[] = childRows
    .filter((row) => !mixed || row.self || levelOf(row.unitId) === level)
    .map((row) => ({
      key: row.unitId,
      name: row.self ? t('report06.self', { unit: row.unitName }) : row.unitName,
      ...figuresOf(row),
    }));
  const total = data?.total;
  const xlsx = query ? `/api/stats/report.xlsx?${new URLSearchParams(query).toString()}` : '';

  return (
    <Stack gap="lg">
      <div>
        <PageTitle>{t('dashboard.title')}</PageTitle>
        <Text>{t('dashboard.intro')}</Text>
      </div>
      <ProblemAlert error={tree.error} />
      {units.length === 0 && !tree.error ? (
        <Alert color="orange" role="alert">
          {t('dashboard.noUnit')}
        </Alert>
      ) : (
        <Group align="flex-start" gap="lg" wrap="wrap">
          <Select
            label={t('dashboard.unit')}
            placeholder={t('dashboard.unitPlaceholder')}
            data={groups.filter((group) => group.items.length > 0)}
            value={unit?.agencyCode ?? null}
            onChange={chooseUnit}
            searchable
            allowDeselect={false}
            nothingFoundMessage="—"
            w={{ base: '100%', sm: 340 }}
            comboboxProps={{ withinPortal: true }}
          />
          <PeriodPicker value={period} onChange={setPeriod} />
        </Group>
      )}
      <ProblemAlert error={report.error} />
      {report.isFetching && !data && <Loading />}
      {data && total && (
        <>
          <Stack gap="sm" component="section" aria-labelledby="dash-overview">
            <Title order={2} size="h3" id="dash-overview">
              {t('dashboard.overview')}: {unitName}
            </Title>
            <StatCards
              label={t('dashboard.overview')}
              stats={[
                {
                  label: t('measures.received'),
                  value: num(total.receivedOnline + total.receivedCounterOrPost),
                  hint: t('cards.receivedHint', { online: num(total.receivedOnline) }),
                },
                {
                  label: t('measures.resolved'),
                  value: num(total.resolved),
                },
                {
                  label: t('measures.onTimeLong'),
                  value: num(total.resolvedEarly + total.resolvedOnTime),
                  hint: `${t('measures.onTimeRate')}: ${pct(figuresOf(total).onTimeRate)}`,
                },
                { label: t('measures.lateLong'), value: num(total.resolvedLate) },
                {
                  label: t('measures.inProgress'),
                  value: num(total.inProgress),
                  hint: t('cards.inProgressHint', { overdue: num(total.inProgressOverdue) }),
                },
                {
                  label: t('measures.onlineShare'),
                  value: pct(figuresOf(total).onlineShare),
                },
              ]}
            />
            <Text size="sm" c="gray.7">
              {t('period.upToToday', { date: formatDate(data.to) })}
            </Text>
            {total.received === 0 && total.resolved === 0 && total.inProgress === 0 && (
              <Alert color="gray" variant="light">
                {t('dashboard.emptyUnit', { unit: unitName })}
              </Alert>
            )}
          </Stack>

          {childRows.length > 0 && (
            <Stack gap="md" component="section" aria-labelledby="dash-units">
              <Title order={2} size="h3" id="dash-units">
                {t('dashboard.byUnit')}
              </Title>
              {mixed && (
                <SegmentedControl
                  aria-label={t('public.group')}
                  value={level}
                  onChange={(value) => setLevel(value)}
                  data={[
                    { value: 'province', label: t('public.groupProvince') },
                    { value: 'local', label: t('public.groupLocal') },
                  ]}
                  style={{ alignSelf: 'flex-start' }}
                />
              )}
              <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
                <ResolvedChart rows={byUnit} title={t('dashboard.resolvedChart')} />
                <DossiersChart rows={byUnit} title={t('dashboard.receivedChart')} />
              </SimpleGrid>
              <AgencyTable
                rows={byUnit}
                total={sumFigures(byUnit)}
                caption={t('dashboard.unitCaption', { unit: unitName, range })}
              />
            </Stack>
          )}

          <Stack gap="md" component="section" aria-labelledby="dash-trend">
            <Title order={2} size="h3" id="dash-trend">
              {t('dashboard.trend')}
            </Title>
            <ProblemAlert error={trend.error} />
            {trend.data && (
              <>
                <TrendCharts months={trend.data.months} title={t('dashboard.trendChart')} />
                <MonthTable
                  months={trend.data.months}
                  total={figuresOf(total)}
                  caption={t('dashboard.monthCaption', { unit: unitName, range })}
                />
              </>
            )}
          </Stack>

          <Stack gap="md" component="section" aria-labelledby="dash-report">
            <Group justify="space-between" align="center">
              <Title order={2} size="h3" id="dash-report">
                {t('dashboard.report')}
              </Title>
              <Button
                component="a"
                href={xlsx}
                download
                leftSection={<IconDownload size={18} aria-hidden />}
                variant="light"
              >
                {t('dashboard.download')}
              </Button>
            </Group>
            <Report06Table
              rows={data.childUnits.map((row) => ({
                ...row,
                key: row.unitId,
                name: row.self ? t('report06.self', { unit: row.unitName }) : row.unitName,
              }))}
              total={total}
              caption={t('dashboard.reportCaption', { unit: data.unit.name, range })}
            />
          </Stack>

          <Indicators data={indicators.data} error={indicators.error} range={range} />
        </>
      )}
    </Stack>
  );
}

type IndicatorData = paths['/api/stats/indicators']['get']['responses'][200]['content']['application/json'];

function Indicators({
  data,
  error,
  range,
}: {
  data: IndicatorData | undefined;
  error: unknown;
  range: string;
}) {
  const { t } = useTranslation('stats');
  const right = { ta: 'right' } as const;
  const satisfaction = data?.satisfaction.total;
  return (
    <Stack gap="md" component="section" aria-labelledby="dash-indicators">
      <Title order={2} size="h3" id="dash-indicators">
        {t('dashboard.indicators')}
      </Title>
      <ProblemAlert error={error} />
      {data && (
        <>
          <Title order={3} size="h4">
            {t('dashboard.proceduresByClass')}
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <CaptionedTable
              striped
              minWidth={360}
              caption={t('dashboard.proceduresByClassCaption', { date: formatDate(data.procedures.asOf) })}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('dashboard.serviceClass')}</Table.Th>
                  <Table.Th scope="col" {...right}>
                    {t('dashboard.procedures')}
                  </Table.Th>
                  <Table.Th scope="col" {...right}>
                    {t('dashboard.share')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.procedures.byClass.map((row) => (
                  <Table.Tr key={row.code}>
                    <Table.Th scope="row" fw={400}>
                      {row.name}
                    </Table.Th>
                    <Table.Td {...right}>{num(row.count)}</Table.Td>
                    <Table.Td {...right}>{pct(row.share)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr fw={700}>
                  <Table.Th scope="row">{t('measures.total')}</Table.Th>
                  <Table.Td {...right}>{num(data.procedures.total)}</Table.Td>
                  <Table.Td />
                </Table.Tr>
              </Table.Tfoot>
            </CaptionedTable>
            <CaptionedTable
              striped
              minWidth={300}
              caption={t('dashboard.proceduresByLevelCaption', { date: formatDate(data.procedures.asOf) })}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('dashboard.level')}</Table.Th>
                  <Table.Th scope="col" {...right}>
                    {t('dashboard.procedures')}
                  </Table.Th>
                  <Table.Th scope="col" {...right}>
                    {t('dashboard.share')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.procedures.byLevel.map((row) => (
                  <Table.Tr key={String(row.level)}>
                    <Table.Th scope="row" fw={400}>
                      {row.name}
                    </Table.Th>
                    <Table.Td {...right}>{num(row.count)}</Table.Td>
                    <Table.Td {...right}>{pct(row.share)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </CaptionedTable>
          </SimpleGrid>

          <Title order={3} size="h4">
            {t('dashboard.dossierIndicators')}
          </Title>
          <CaptionedTable striped minWidth={640} caption={t('dashboard.dossierIndicatorsCaption', { range })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('measures.agency')}</Table.Th>
                <Table.Th scope="col" {...right}>
                  {t('measures.receivedShort')}
                </Table.Th>
                <Table.Th scope="col" {...right}>
                  {t('measures.onlineShare')}
                </Table.Th>
                <Table.Th scope="col" {...right}>
                  {t('measures.resolved')}
                </Table.Th>
                <Table.Th scope="col" {...right}>
                  {t('measures.onTimeRate')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.dossiers.byAgency.map((row) => (
                <Table.Tr key={row.unitId}>
                  <Table.Th scope="row" fw={400}>
                    {shortName(row.unitName)}
                  </Table.Th>
                  <Table.Td {...right}>{num(row.received)}</Table.Td>
                  <Table.Td {...right}>{pct(row.onlineShare)}</Table.Td>
                  <Table.Td {...right}>{num(row.resolved)}</Table.Td>
                  <Table.Td {...right}>{pct(row.onTimeRate)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr fw={700}>
                <Table.Th scope="row">{t('measures.total')}</Table.Th>
                <Table.Td {...right}>{num(data.dossiers.total.received)}</Table.Td>
                <Table.Td {...right}>{pct(data.dossiers.total.onlineShare)}</Table.Td>
                <Table.Td {...right}>{num(data.dossiers.total.resolved)}</Table.Td>
                <Table.Td {...right}>{pct(data.dossiers.total.onTimeRate)}</Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          </CaptionedTable>

          <Title order={3} size="h4">
            {t('dashboard.satisfaction')}
          </Title>
          {satisfaction && satisfaction.ratings > 0 ? (
            <>
              <Text>
                {t('dashboard.overallSatisfaction', {
                  share: pct(satisfaction.satisfiedShare),
                  ratings: num(satisfaction.ratings),
                  classification: satisfaction.classificationName ?? '—',
                })}
              </Text>
              <CaptionedTable striped minWidth={820} caption={t('dashboard.satisfactionCaption', { range })}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('measures.agency')}</Table.Th>
                    <Table.Th scope="col" {...right}>
                      {t('dashboard.ratings')}
                    </Table.Th>
                    <Table.Th scope="col" {...right}>
                      {t('dashboard.score', { scale: satisfaction.fullScale })}
                    </Table.Th>
                    <Table.Th scope="col">{t('dashboard.classification')}</Table.Th>
                    <Table.Th scope="col" {...right}>
                      {t('dashboard.verySatisfied')}
                    </Table.Th>
                    <Table.Th scope="col" {...right}>
                      {t('dashboard.satisfied')}
                    </Table.Th>
                    <Table.Th scope="col" {...right}>
                      {t('dashboard.dissatisfied')}
                    </Table.Th>
                    <Table.Th scope="col" {...right}>
                      {t('dashboard.satisfiedShare')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[
                    ...data.satisfaction.byAgency.map((row) => ({
                      ...row,
                      key: row.unitId,
                      name: shortName(row.unitName),
                    })),
                    { ...satisfaction, key: 'total', name: t('measures.total') },
                  ].map((row) => (
                    <Table.Tr key={row.key} fw={row.key === 'total' ? 700 : undefined}>
                      <Table.Th scope="row" fw={row.key === 'total' ? 700 : 400}>
                        {row.name}
                      </Table.Th>
                      <Table.Td {...right}>{num(row.ratings)}</Table.Td>
                      <Table.Td {...right}>
                        {row.scaledScore === null ? '—' : formatNumber(row.scaledScore, 1)}
                      </Table.Td>
                      <Table.Td>{row.classificationName ?? '—'}</Table.Td>
                      <Table.Td {...right}>{num(row.satisfaction.verySatisfied)}</Table.Td>
                      <Table.Td {...right}>{num(row.satisfaction.satisfied)}</Table.Td>
                      <Table.Td {...right}>{num(row.satisfaction.dissatisfied)}</Table.Td>
                      <Table.Td {...right}>{pct(row.satisfiedShare)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </CaptionedTable>
            </>
          ) : (
            <Text c="gray.7">{t('dashboard.noRatings')}</Text>
          )}
        </>
      )}
    </Stack>
  );
}
