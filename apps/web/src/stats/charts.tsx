/**
 * Charts of the statistics pages (@mantine/charts over recharts). Each chart is one image for
 * assistive technologies, named by a sentence that sums it up; the figures themselves are in the
 * tables that follow it. Values are also written on the bars, so colour is never the only signal.
 */
import { BarChart, LineChart } from '@mantine/charts';
import { Box, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../lib/format';
import type { NamedFigures } from './figures';
import { monthLabel, num, shortName } from './period';

function ChartFrame({
  title,
  summary,
  children,
}: {
  title: string;
  summary: string;
  children: React.ReactNode;
}) {
  const { t } = useTranslation('stats');
  return (
    <Stack gap={4}>
      <Title order={3} size="h4">
        {title}
      </Title>
      <Box role="img" aria-label={summary}>
        {children}
      </Box>
      <Text size="xs" c="gray.7">
        {t('charts.tableBelow')}
      </Text>
    </Stack>
  );
}

const percentLabel = (value: number) => `${formatNumber(value, 1)}%`;

function useAxisWidth() {
  const narrow = useMediaQuery('(max-width: 36em)');
  return narrow ? 112 : 220;
}

/** On-time rate per agency, worst first (horizontal bars). */
export function OnTimeChart({ rows, title }: { rows: NamedFigures[]; title: string }) {
  const { t } = useTranslation('stats');
  const width = useAxisWidth();
  const data = rows
    .filter((row) => row.onTimeRate !== null)
    .map((row) => ({ name: shortName(row.name), rate: Math.round(row.onTimeRate! * 1000) / 10 }))
    .sort((a, b) => a.rate - b.rate);
  if (data.length === 0) return <Text c="gray.7">{t('charts.empty')}</Text>;
  const best = data.at(-1)!;
  const worst = data[0]!;
  const low = Math.max(0, Math.floor(Math.min(...data.map((d) => d.rate)) / 10) * 10 - 10);
  return (
    <ChartFrame
      title={title}
      summary={t('charts.onTimeSummary', {
        count: data.length,
        best: best.name,
        bestRate: percentLabel(best.rate),
        worst: worst.name,
        worstRate: percentLabel(worst.rate),
      })}
    >
      <BarChart
        h={Math.max(160, data.length * 26 + 50)}
        data={data}
        dataKey="name"
        orientation="vertical"
        series={[{ name: 'rate', label: t('measures.onTimeRate'), color: 'teal.7' }]}
        getBarColor={(value) => (value >= 95 ? 'teal.7' : value >= 85 ? 'yellow.7' : 'red.7')}
        valueFormatter={percentLabel}
        withBarValueLabel
        xAxisProps={{ domain: [low, 100] }}
        yAxisProps={{ width, interval: 0, tick: { fontSize: 12 } }}
        gridAxis="x"
        accessibilityLayer={false}
        maxBarWidth={18}
        barChartProps={{ margin: { right: 56 } }}
      />
    </ChartFrame>
  );
}

/** Dossiers received and resolved per agency (horizontal bars), the busiest first. */
export function DossiersChart({ rows, title }: { rows: NamedFigures[]; title: string }) {
  const { t } = useTranslation('stats');
  const width = useAxisWidth();
  const data = rows
    .map((row) => ({ name: shortName(row.name), received: row.received, resolved: row.resolved }))
    .sort((a, b) => b.received - a.received);
  if (data.length === 0) return <Text c="gray.7">{t('charts.empty')}</Text>;
  return (
    <ChartFrame
      title={title}
      summary={t('charts.dossiersSummary', {
        count: data.length,
        top: data[0]!.name,
        topCount: num(data[0]!.received),
      })}
    >
      <BarChart
        h={Math.max(180, data.length * 38 + 70)}
        data={data}
        dataKey="name"
        orientation="vertical"
        series={[
          { name: 'received', label: t('measures.receivedShort'), color: 'blue.7' },
          { name: 'resolved', label: t('measures.resolved'), color: 'teal.7' },
        ]}
        valueFormatter={num}
        withLegend
        legendProps={{ verticalAlign: 'top' }}
        yAxisProps={{ width, interval: 0, tick: { fontSize: 12 } }}
        gridAxis="x"
        accessibilityLayer={false}
        maxBarWidth={14}
      />
    </ChartFrame>
  );
}

/** Resolved on time and late per unit, stacked (the dashboard). */
export function ResolvedChart({ rows, title }: { rows: NamedFigures[]; title: string }) {
  const { t } = useTranslation('stats');
  const width = useAxisWidth();
  const data = rows
    .filter((row) => row.resolved > 0)
    .map((row) => ({ name: shortName(row.name), onTime: row.resolvedOnTime, late: row.resolvedLate }))
    .sort((a, b) => b.onTime + b.late - (a.onTime + a.late));
  if (data.length === 0) return <Text c="gray.7">{t('charts.empty')}</Text>;
  return (
    <ChartFrame title={title} summary={t('charts.resolvedSummary', { count: data.length })}>
      <BarChart
        h={Math.max(160, data.length * 28 + 70)}
        data={data}
        dataKey="name"
        type="stacked"
        orientation="vertical"
        series={[
          { name: 'onTime', label: t('measures.onTime'), color: 'teal.7' },
          { name: 'late', label: t('measures.late'), color: 'red.7' },
        ]}
        valueFormatter={num}
        withLegend
        legendProps={{ verticalAlign: 'top' }}
        yAxisProps={{ width, interval: 0, tick: { fontSize: 12 } }}
        gridAxis="x"
        accessibilityLayer={false}
        maxBarWidth={18}
      />
    </ChartFrame>
  );
}

/** Month by month: dossiers received and resolved, and the on-time rate (two line charts). */
export function TrendCharts({
  months,
  title,
}: {
  months: Array<{ month: string } & Omit<NamedFigures, 'key' | 'name'>>;
  title: string;
}) {
  const { t } = useTranslation('stats');
  if (months.every((m) => m.received === 0 && m.resolved === 0))
    return <Text c="gray.7">{t('charts.empty')}</Text>;
  const data = months.map((m) => ({
    month: monthLabel(m.month),
    received: m.received,
    resolved: m.resolved,
    rate: m.onTimeRate === null ? null : Math.round(m.onTimeRate * 1000) / 10,
  }));
  const rates = data.map((d) => d.rate).filter((rate): rate is number => rate !== null);
  const low = rates.length > 0 ? Math.max(0, Math.floor(Math.min(...rates) / 10) * 10 - 10) : 0;
  return (
    <ChartFrame
      title={title}
      summary={t('charts.trendSummary', { first: data[0]!.month, last: data.at(-1)!.month })}
    >
      <Stack gap="md">
        <LineChart
          h={240}
          data={data}
          dataKey="month"
          series={[
            { name: 'received', label: t('measures.receivedShort'), color: 'blue.7' },
            { name: 'resolved', label: t('measures.resolved'), color: 'teal.7' },
          ]}
          valueFormatter={num}
          withLegend
          legendProps={{ verticalAlign: 'top' }}
          curveType="monotone"
          accessibilityLayer={false}
          strokeDasharray="4 4"
          lineProps={(series) => (series.name === 'resolved' ? { strokeDasharray: '6 3' } : {})}
        />
        <LineChart
          h={200}
          data={data}
          dataKey="month"
          series={[{ name: 'rate', label: t('measures.onTimeRate'), color: 'grape.7' }]}
          valueFormatter={percentLabel}
          yAxisProps={{ domain: [low, 100] }}
          withLegend
          legendProps={{ verticalAlign: 'top' }}
          connectNulls
          accessibilityLayer={false}
        />
      </Stack>
    </ChartFrame>
  );
}
