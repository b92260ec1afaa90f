/** Every version of a procedure, newest first, with when each applied. */
import { Modal, Table } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TextBadge } from './shared';
import { api, call } from '../api/client';
import { Loading } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate, todayIso } from '../lib/format';
import { CATALOGUE_KEY } from './ProcedureEditor';
import { channelDuration } from './procedure-form';
import { useProcedureLabels } from './useProcedureLabels';

export function VersionsModal({ code, onClose }: { code: string | null; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const labels = useProcedureLabels();
  const phone = useMediaQuery('(max-width: 48em)');
  const query = useQuery({
    queryKey: [...CATALOGUE_KEY, 'versions', code],
    queryFn: () => call(api.GET('/api/procedures/{code}/versions', { params: { path: { code: code! } } })),
    enabled: code !== null,
  });
  const today = todayIso();
  return (
    <Modal
      opened={code !== null}
      onClose={onClose}
      size="xl"
      fullScreen={phone}
      title={code ? t('catalogue.versionsTitle', { code }) : ''}
    >
      {query.isPending && code !== null && <Loading />}
      <ProblemAlert error={query.error} />
      {query.data && (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('catalogue.versionColumns.version')}</Table.Th>
                <Table.Th scope="col">{t('catalogue.versionColumns.from')}</Table.Th>
                <Table.Th scope="col">{t('catalogue.versionColumns.until')}</Table.Th>
                <Table.Th scope="col">{t('catalogue.versionColumns.name')}</Table.Th>
                <Table.Th scope="col">{t('catalogue.versionColumns.time')}</Table.Th>
                <Table.Th scope="col">{t('catalogue.versionColumns.decision')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.map((version) => {
                const inForce =
                  version.effectiveFrom <= today &&
                  (version.effectiveUntil === null || version.effectiveUntil > today);
                return (
                  <Table.Tr key={version.versionId}>
                    <Table.Td>
                      {version.version}{' '}
                      {inForce && (
                        <TextBadge size="sm" color="green" variant="light" tt="none">
                          {t('catalogue.inForce')}
                        </TextBadge>
                      )}
                    </Table.Td>
                    <Table.Td>{formatDate(version.effectiveFrom)}</Table.Td>
                    <Table.Td>{formatDate(version.effectiveUntil)}</Table.Td>
                    <Table.Td>{version.name}</Table.Td>
                    <Table.Td>{labels.duration(channelDuration(version.channels))}</Table.Td>
                    <Table.Td>{version.decision ?? t('common.none')}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Modal>
  );
}
