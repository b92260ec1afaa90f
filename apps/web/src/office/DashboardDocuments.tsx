/**
 * The plan's documents indicators on the dashboard (GET /api/stats/indicators, `documents`):
 * sent and received electronically against the > 95% target, signed against the > 70% target,
 * incoming documents resolved on time.
 */
import { Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { paths } from '../api/schema';
import { num, pct } from '../stats/period';
import { CaptionedTable } from '../stats/tables';

type Documents =
  paths['/api/stats/indicators']['get']['responses'][200]['content']['application/json']['documents'];

export function DocumentIndicators({ data, range }: { data: Documents; range: string }) {
  const { t } = useTranslation('stats');
  const right = { ta: 'right' } as const;
  const target = (share: number | null, goal: number) =>
    share === null ? '—' : share >= goal ? t('documents.reached') : t('documents.below');
  const rows: Array<[string, number, number | null, string]> = [
    [t('documents.issued'), data.issued, null, ''],
    [t('documents.registered'), data.registered, null, ''],
    [
      t('documents.electronic'),
      data.issuedElectronic + data.registeredElectronic,
      data.electronicShare,
      target(data.electronicShare, data.targets.electronicShare),
    ],
    [
      t('documents.signedByPerson'),
      data.signedByPerson,
      data.signedByPersonShare,
      target(data.signedByPersonShare, data.targets.signedShare),
    ],
    [
      t('documents.signedByAgency'),
      data.signedByAgency,
      data.signedByAgencyShare,
      target(data.signedByAgencyShare, data.targets.signedShare),
    ],
    [t('documents.completedOnTime'), data.completedOnTime, data.onTimeShare, ''],
    [t('documents.openOverdue'), data.openOverdue, null, ''],
  ];
  return (
    <>
      <Title order={3} size="h4">
        {t('documents.title')}
      </Title>
      <CaptionedTable striped minWidth={520} caption={t('documents.caption', { range })}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('documents.indicator')}</Table.Th>
            <Table.Th scope="col" {...right}>
              {t('documents.count')}
            </Table.Th>
            <Table.Th scope="col" {...right}>
              {t('dashboard.share')}
            </Table.Th>
            <Table.Th scope="col">{t('documents.target')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(([name, count, share, verdict]) => (
            <Table.Tr key={name}>
              <Table.Th scope="row" fw={400}>
                {name}
              </Table.Th>
              <Table.Td {...right}>{num(count)}</Table.Td>
              <Table.Td {...right}>{share === null ? '' : pct(share)}</Table.Td>
              <Table.Td>{verdict}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </CaptionedTable>
    </>
  );
}
