/**
 * Before accepting: the appointment (hẹn trả kết quả) the receipt will carry if the dossier is
 * accepted now, as the server computes it with the same function as the accept action itself
 * (GET /allowed-actions). Fetched afresh when the form opens and every minute while it is open,
 * since the appointment moves with the time of receipt (after 15:00 counting starts the next
 * working day).
 */
import { Alert, Text } from '@mantine/core';
import { IconCalendarEvent } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { formatDateTime } from '../../lib/format';

export function AcceptPreview({ code }: { code: string }) {
  const { t } = useTranslation('office');
  const allowed = useQuery({
    queryKey: ['dossier', code, 'allowed'],
    queryFn: () => call(api.GET('/api/dossiers/{code}/allowed-actions', { params: { path: { code } } })),
    refetchOnMount: 'always',
    refetchInterval: 60_000,
  });
  const appointment = allowed.data?.actions.find((action) => action.type === 'accept')?.appointment;
  if (!appointment?.dueAt) return null;
  return (
    <Alert
      color="blue"
      variant="light"
      icon={<IconCalendarEvent size={18} aria-hidden />}
      title={t('actions.appointmentTitle')}
      role="status"
    >
      <Text size="sm">
        {t('actions.appointment', { at: formatDateTime(appointment.dueAt) })}
        {appointment.duration
          ? ` ${t('actions.appointmentDuration', {
              duration: t(`intake.durations.${appointment.duration.unit}`, {
                count: appointment.duration.amount,
              }),
            })}`
          : ''}
      </Text>
    </Alert>
  );
}
