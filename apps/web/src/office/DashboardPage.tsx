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
import { mayReadReports } from '@tayninh/domain/stats/access';
import { useAuth, type User } from '../auth/auth';
import { unitGrants } from '../auth/grants';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate } from '../lib/format';
import { DossiersChart, ResolvedChart, TrendCharts } from '../stats/charts';
import { figuresOf, sumFigures, type NamedFigures } from '../stats/figures';
import { PeriodPicker } from '../stats/PeriodPicker';
import { num, pct, periodRange, shortName, usePeriodParams } from '../stats/period';
import { StatCards } from '../stats/StatCards';
import { AgencyTable, MonthTable, Report06Table } from '../stats/tables';
import { Indicators } from './DashboardIndicators';
import { foldedFilter } from '../lib/search';

type TreeNode = paths['/api/units/tree']['get']['responses'][200]['content']['application/json'][number];
type Level = 'province' | 'local';

const LOCAL_KINDS = ['commune', 'district'];

interface UnitOption {
  id: number;
  agencyCode: string;
  name: string;
  kind: string;
  validUntil: string | null;
}

/**
 * The units in force during the period that the user may see reports of, as the server decides
 * (routes.ts reportUnit): a department closed on 1/3/2025 is offered for 2024 and 2025, not 2026.
 */
function visibleUnits(tree: TreeNode[], user: User): UnitOption[] {
  const grants = unitGrants(user.roles);
  const out: UnitOption[] = [];
  const walk = (nodes: TreeNode[], above: readonly number[]) => {
    for (const node of nodes) {
      const path = [...above, node.id];
      if (mayReadReports(grants, path) && node.agencyCode)
        out.push({
          id: node.id,
          agencyCode: node.agencyCode,
          name: node.name,
          kind: node.kind,
          validUntil: node.validUntil,
        });
      walk(node.children ?? [], path);
    }
  };
  walk(tree, []);
  return out;
}

export default function DashboardPage() {
  const { t } = useTranslation('stats');
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const [period, setPeriod] = usePeriodParams();
  const { from, to } = periodRange(period);
  const [level, setLevel] = useState<Level>('province');

  const valid = from <= to;
  const tree = useQuery({
    queryKey: ['units-tree', valid ? from : '', valid ? to : ''],
    queryFn: () => call(api.GET('/api/units/tree', { params: { query: valid ? { from, to } : {} } })),
    staleTime: 10 * 60_000,
    placeholderData: keepPreviousData,
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
      .map((u) => ({
        value: u.agencyCode,
        label: u.validUntil
          ? t('dashboard.closedUnit', { unit: shortName(u.name), date: formatDate(u.validUntil) })
          : shortName(u.name),
      })),
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
      name: row.self
        ? t('report06.self', { unit: row.unitName })
        : row.predecessor
          ? t('report06.predecessor', { unit: row.unitName })
          : row.unitName,
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
            filter={foldedFilter}
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
                  value: num(figuresOf(total).received),
                  hint: t('cards.receivedHint', { online: num(total.receivedOnline) }),
                },
                {
                  label: t('measures.resolved'),
                  value: num(total.resolved),
                },
                {
                  label: t('measures.onTimeLong'),
                  value: num(figuresOf(total).resolvedOnTime),
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
                name: row.self
                  ? t('report06.self', { unit: row.unitName })
                  : row.predecessor
                    ? t('report06.predecessor', { unit: row.unitName })
                    : row.unitName,
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
