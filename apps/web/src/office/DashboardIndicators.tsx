/**
 * The plan's indicators on the dashboard (GET /api/stats/indicators): procedures by service class
 * and by level, the dossier indicators per agency, and the applicants' satisfaction.
 */
import { SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { paths } from '../api/schema';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate, formatNumber } from '../lib/format';
import { num, pct, shortName } from '../stats/period';
import { CaptionedTable } from '../stats/tables';
import { DocumentIndicators } from './DashboardDocuments';

type IndicatorData = paths['/api/stats/indicators']['get']['responses'][200]['content']['application/json'];

export function Indicators({
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

          <DocumentIndicators data={data.documents} range={range} />

          <Title order={3} size="h4">
            {t('dashboard.satisfaction')}
          </Title>
          {satisfaction && satisfaction.ratings > 0 ? (
            <>
              <Text>
                {t('dashboard.overallSatisfaction', {
                  share: pct(satisfaction.satisfiedShare),
                  ratings: num(satisfaction.ratings),
                  count: satisfaction.ratings,
                  classification: satisfaction.classification
                    ? t(`dashboard.classes.${satisfaction.classification}`)
                    : '—',
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
                      <Table.Td>
                        {row.classification ? t(`dashboard.classes.${row.classification}`) : '—'}
                      </Table.Td>
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
