/** A unit's details: codes, level, parent path, validity, predecessors and successors. */
import { Anchor, Button, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TextBadge } from './shared';
import { api, call } from '../api/client';
import { Loading } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate } from '../lib/format';

interface Props {
  id: number;
  canManage: boolean;
  onSelect: (id: number) => void;
  onEdit: () => void;
  onAddChild: () => void;
  onClose: () => void;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w="40%" fw={600}>
        {label}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

export function UnitDetails({ id, canManage, onSelect, onEdit, onAddChild, onClose }: Props) {
  const { t } = useTranslation('admin');
  const query = useQuery({
    queryKey: ['admin', 'unit', id],
    queryFn: () => call(api.GET('/api/units/{id}', { params: { path: { id } } })),
  });
  if (query.isPending) return <Loading />;
  if (query.isError) return <ProblemAlert error={query.error} />;
  const unit = query.data;
  const closed = unit.validUntil !== null;
  const link = (target: { id: number; name: string }) => (
    <Anchor component="button" type="button" size="sm" ta="left" onClick={() => onSelect(target.id)}>
      {target.name}
    </Anchor>
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="unit-details-title">
      <Stack gap="sm">
        <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
          {t('units.detailsTitle')}
        </Text>
        <Group gap="xs" align="center">
          <Title order={2} size="h3" id="unit-details-title">
            {unit.name}
          </Title>
          {closed && (
            <TextBadge color="gray" tt="none">
              {t('units.closedOn', { date: formatDate(unit.validUntil) })}
            </TextBadge>
          )}
        </Group>
        <Table.ScrollContainer minWidth={300}>
          <Table>
            <Table.Tbody>
              <Row label={t('units.fields.agencyCode')}>
                <Group gap={6}>
                  <Text size="sm" ff="monospace">
                    {unit.agencyCode ?? t('common.none')}
                  </Text>
                  {unit.agencyCode && !unit.agencyCodeConfirmed && (
                    <TextBadge size="sm" color="yellow" variant="light" tt="none">
                      {t('units.unconfirmed')}
                    </TextBadge>
                  )}
                </Group>
              </Row>
              <Row label={t('units.fields.adminAreaCode')}>{unit.adminAreaCode ?? t('common.none')}</Row>
              <Row label={t('units.fields.kind')}>{t(`units.kinds.${unit.kind}`)}</Row>
              <Row label={t('units.fields.tier')}>{t(`units.tiers.${unit.tier}`)}</Row>
              <Row label={t('units.fields.path')}>
                {unit.ancestors.length === 0 ? (
                  t('common.none')
                ) : (
                  <Group gap={4}>
                    {unit.ancestors.map((ancestor, index) => (
                      <Group gap={4} key={ancestor.id}>
                        {index > 0 && <span aria-hidden>›</span>}
                        {link(ancestor)}
                      </Group>
                    ))}
                  </Group>
                )}
              </Row>
              <Row label={t('units.fields.validFrom')}>{formatDate(unit.validFrom)}</Row>
              <Row label={t('units.fields.validUntil')}>{formatDate(unit.validUntil)}</Row>
              {unit.predecessors.length > 0 && (
                <Row label={t('units.fields.predecessors')}>
                  <List size="sm">
                    {unit.predecessors.map((item) => (
                      <List.Item key={item.id}>
                        {link(item)} ({formatDate(item.effectiveDate)},{' '}
                        {item.whole ? t('units.fields.successionWhole') : t('units.fields.successionPart')};{' '}
                        {item.legalBasis})
                      </List.Item>
                    ))}
                  </List>
                </Row>
              )}
              {unit.successors.length > 0 && (
                <Row label={t('units.fields.successors')}>
                  <List size="sm">
                    {unit.successors.map((item) => (
                      <List.Item key={item.id}>
                        {link(item)} ({formatDate(item.effectiveDate)},{' '}
                        {item.whole ? t('units.fields.successionWhole') : t('units.fields.successionPart')};{' '}
                        {item.legalBasis})
                      </List.Item>
                    ))}
                  </List>
                </Row>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {canManage && !closed && (
          <Group gap="xs">
            <Button variant="light" onClick={onEdit}>
              {t('units.edit')}
            </Button>
            <Button variant="light" onClick={onAddChild}>
              {t('units.addChild')}
            </Button>
            <Button variant="outline" color="red" onClick={onClose}>
              {t('units.close')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
