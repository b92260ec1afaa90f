/**
 * /thong-ke: the public statistics of the portal (GET /api/public/stats): the province's totals,
 * the on-time rate and the dossiers of each department or commune, the months of the period, and
 * the same figures as tables. Loaded on demand, so the charts never weigh on the home page.
 */
import '@mantine/charts/styles.css';
import { SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate } from '../lib/format';
import { DossiersChart, OnTimeChart, TrendCharts } from '../stats/charts';
import { sumFigures, type NamedFigures } from '../stats/figures';
import { PeriodPicker } from '../stats/PeriodPicker';
import { num, pct, periodRange, usePeriodParams } from '../stats/period';
import { StatCards } from '../stats/StatCards';
import { AgencyTable, MonthTable } from '../stats/tables';

type Group = 'province' | 'local';

export default function StatsPage() {
  const { t } = useTranslation('stats');
  const [period, setPeriod] = usePeriodParams();
  const { from, to } = periodRange(period);
  const [group, setGroup] = useState<Group>('province');
  const stats = useQuery({
    queryKey: ['public-stats', from, to],
    queryFn: () => call(api.GET('/api/public/stats', { params: { query: { from, to } } })),
    placeholderData: keepPreviousData,
    enabled: from <= to,
  });
  const data = stats.data;
  const range = data ? t('period.range', { from: formatDate(data.from), to: formatDate(data.to) }) : '';
  const agencies: NamedFigures[] = (data?.agencies ?? [])
    .filter((agency) => agency.level === group)
    .map((agency) => ({ ...agency, key: agency.unitId }));
  const groupName = group === 'province' ? t('public.groupProvince') : t('public.groupLocal');
  const total = data?.total;

  return (
    <Stack gap="lg">
      <div>
        <PageTitle>{t('public.title')}</PageTitle>
        <Text maw={820}>{t('public.intro')}</Text>
      </div>
      <PeriodPicker value={period} onChange={setPeriod} />
      <ProblemAlert error={stats.error} />
      {stats.isPending && !data && <Loading />}
      {data && total && (
        <>
          <Stack gap="sm" component="section" aria-labelledby="stats-province">
            <Title order={2} size="h3" id="stats-province">
              {t('public.province')}
            </Title>
            <StatCards
              label={t('public.province')}
              stats={[
                {
                  label: t('measures.received'),
                  value: num(total.received),
                  hint: t('cards.receivedHint', { online: num(total.receivedOnline) }),
                },
                {
                  label: t('measures.resolved'),
                  value: num(total.resolved),
                  hint: t('cards.resolvedHint', { late: num(total.resolvedLate) }),
                },
                {
                  label: t('measures.onTimeRate'),
                  value: pct(total.onTimeRate),
                  hint:
                    total.resolved > 0
                      ? t('cards.onTimeHint', {
                          onTime: num(total.resolvedOnTime),
                          resolved: num(total.resolved),
                        })
                      : t('cards.noData'),
                },
                {
                  label: t('measures.onlineShare'),
                  value: pct(total.onlineShare),
                  hint:
                    total.received > 0
                      ? t('cards.onlineHint', {
                          online: num(total.receivedOnline),
                          received: num(total.received),
                        })
                      : t('cards.noData'),
                },
              ]}
            />
            <Text size="sm" c="gray.7">
              {t('period.upToToday', { date: formatDate(data.to) })} {t('public.definitions')}
            </Text>
          </Stack>

          {data.agencies.length === 0 ? (
            <Text>{t('public.empty')}</Text>
          ) : (
            <>
              <Stack gap="md" component="section" aria-labelledby="stats-agencies">
                <Title order={2} size="h3" id="stats-agencies">
                  {t('public.byAgency')}
                </Title>
                <SegmentedControl
                  aria-label={t('public.group')}
                  value={group}
                  onChange={(value) => setGroup(value)}
                  data={[
                    { value: 'province', label: t('public.groupProvince') },
                    { value: 'local', label: t('public.groupLocal') },
                  ]}
                  style={{ alignSelf: 'flex-start' }}
                />
                <OnTimeChart rows={agencies} title={`${t('public.onTimeChart')} (${groupName})`} />
                <DossiersChart rows={agencies} title={`${t('public.dossiersChart')} (${groupName})`} />
              </Stack>

              <Stack gap="md" component="section" aria-labelledby="stats-trend">
                <Title order={2} size="h3" id="stats-trend">
                  {t('public.trend')}
                </Title>
                <TrendCharts months={data.months} title={t('public.trendChart')} />
              </Stack>

              <Stack gap="md" component="section" aria-labelledby="stats-tables">
                <Title order={2} size="h3" id="stats-tables">
                  {t('public.tables')}
                </Title>
                <AgencyTable
                  rows={agencies}
                  total={sumFigures(agencies)}
                  totalLabel={`${t('measures.total')} (${groupName})`}
                  caption={t('public.agencyCaption', {
                    group: groupName.toLowerCase(),
                    range: range.toLowerCase(),
                  })}
                />
                <MonthTable
                  months={data.months}
                  total={total}
                  caption={t('public.monthCaption', { range: range.toLowerCase() })}
                />
              </Stack>
            </>
          )}
        </>
      )}
    </Stack>
  );
}
