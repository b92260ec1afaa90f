/** Procedures of the catalogue: code, name, field, levels, online service, time limit, version. */
import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TextBadge } from './shared';
import { channelDuration, type ProcedureSummary } from './procedure-form';
import { useProcedureLabels } from './useProcedureLabels';

interface Props {
  items: ProcedureSummary[];
  onEdit: (code: string) => void;
  onVersions: (code: string) => void;
}

export function CatalogueTable({ items, onEdit, onVersions }: Props) {
  const { t } = useTranslation('admin');
  const labels = useProcedureLabels();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('catalogue.columns.code')}</Table.Th>
            <Table.Th scope="col">{t('catalogue.columns.name')}</Table.Th>
            <Table.Th scope="col">{t('catalogue.columns.field')}</Table.Th>
            <Table.Th scope="col">{t('catalogue.columns.levels')}</Table.Th>
            <Table.Th scope="col">{t('catalogue.columns.online')}</Table.Th>
            <Table.Th scope="col">{t('catalogue.columns.time')}</Table.Th>
            <Table.Th scope="col">{t('catalogue.columns.version')}</Table.Th>
            <Table.Th scope="col">{t('catalogue.columns.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.code}>
              <Table.Td ff="monospace">{item.code}</Table.Td>
              <Table.Td maw={360}>{item.name}</Table.Td>
              <Table.Td>{item.field.name}</Table.Td>
              <Table.Td>{item.levels.map(labels.level).join(', ')}</Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <Text size="sm">{labels.onlineLevel(item.onlineLevel)}</Text>
                  {item.onlineClass && (
                    <TextBadge
                      size="sm"
                      variant="light"
                      color={item.onlineClass === 'khong' ? 'gray' : 'blue'}
                      tt="none"
                    >
                      {labels.onlineClass(item.onlineClass)}
                    </TextBadge>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>{labels.duration(channelDuration(item.channels))}</Table.Td>
              <Table.Td>
                <TextBadge nowrap size="sm" color="green" variant="light" tt="none">
                  {t('catalogue.versionN', { version: item.version })}
                </TextBadge>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => onEdit(item.code)}
                    aria-label={t('catalogue.editFor', { code: item.code })}
                  >
                    {t('common.edit')}
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => onVersions(item.code)}
                    aria-label={t('catalogue.versionsFor', { code: item.code })}
                  >
                    {t('catalogue.versions')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
