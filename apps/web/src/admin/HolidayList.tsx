/** The year's special days as a table, with edit and remove (removal asks first). */
import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../lib/format';
import { isDayOff, type SpecialDay } from './calendar-days';

interface Props {
  days: SpecialDay[];
  onEdit: (day: SpecialDay) => void;
  onRemove: (date: string) => void;
  canEdit: boolean;
}

export function weekdayName(date: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'vi-VN', {
    weekday: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

export function HolidayList({ days, onEdit, onRemove, canEdit }: Props) {
  const { t, i18n } = useTranslation('admin');
  const [removing, setRemoving] = useState<SpecialDay | null>(null);
  if (days.length === 0) return <Text>{t('calendar.empty')}</Text>;
  return (
    <>
      <Table.ScrollContainer minWidth={560}>
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('calendar.columns.date')}</Table.Th>
              <Table.Th scope="col">{t('calendar.columns.weekday')}</Table.Th>
              <Table.Th scope="col">{t('calendar.columns.kind')}</Table.Th>
              <Table.Th scope="col">{t('calendar.columns.name')}</Table.Th>
              {canEdit && <Table.Th scope="col">{t('calendar.columns.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {days.map((day) => (
              <Table.Tr key={day.date}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(day.date)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{weekdayName(day.date, i18n.language)}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600} c={isDayOff(day.kind) ? 'red.9' : 'blue.9'}>
                    {t(`calendar.kinds.${day.kind}`)}
                  </Text>
                </Table.Td>
                <Table.Td>{day.name}</Table.Td>
                {canEdit && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => onEdit(day)}
                        aria-label={t('calendar.editDay', { date: formatDate(day.date) })}
                      >
                        {t('common.edit')}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => setRemoving(day)}
                        aria-label={t('calendar.removeDay', { date: formatDate(day.date) })}
                      >
                        {t('common.remove')}
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={removing ? t('calendar.removeDay', { date: formatDate(removing.date) }) : ''}
        centered
      >
        {removing && (
          <Stack>
            <Text>
              {t('calendar.removeConfirm', { date: formatDate(removing.date), name: removing.name })}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRemoving(null)} data-autofocus>
                {t('common.cancel')}
              </Button>
              <Button
                color="red"
                onClick={() => {
                  onRemove(removing.date);
                  setRemoving(null);
                }}
              >
                {t('common.remove')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
