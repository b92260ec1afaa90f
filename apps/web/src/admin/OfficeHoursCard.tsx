/** Office hours (morning and afternoon sessions) and the daily intake cut-off (15:00 rule). */
import { Button, Group, Paper, SimpleGrid, Stack, Title } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import type { paths } from '../api/schema';
import { Loading } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { CALENDAR_KEY } from './SaveYearModal';
import { notifySuccess, ReasonInput, useReasonRule } from './shared';

type Hours = paths['/api/calendar/office-hours']['get']['responses'][200]['content']['application/json'];
const CLOCK = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

export function OfficeHoursCard({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation('admin');
  const query = useQuery({
    queryKey: [...CALENDAR_KEY, 'hours'],
    queryFn: () => call(api.GET('/api/calendar/office-hours')),
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="office-hours-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="office-hours-title">
          {t('calendar.hoursTitle')}
        </Title>
        {query.isPending && <Loading />}
        <ProblemAlert error={query.error} />
        {query.data && <HoursForm hours={query.data} canEdit={canEdit} />}
      </Stack>
    </Paper>
  );
}

function HoursForm({ hours, canEdit }: { hours: Hours; canEdit: boolean }) {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const reasonRule = useReasonRule();
  const form = useForm({
    initialValues: { sessions: hours.sessions, cutoff: hours.cutoff, reason: '' },
    validate: (values) => {
      const errors: Record<string, string> = {};
      values.sessions.forEach((session, index) => {
        if (!CLOCK.test(session.start) || !CLOCK.test(session.end) || session.start >= session.end)
          errors[`sessions.${index}.end`] = t('calendar.hoursInvalid');
      });
      if (!CLOCK.test(values.cutoff)) errors.cutoff = t('calendar.hoursInvalid');
      const reason = reasonRule(values.reason);
      if (reason) errors.reason = reason;
      return errors;
    },
  });
  const mutation = useMutation({
    mutationFn: (values: typeof form.values) =>
      call(
        api.PUT('/api/admin/calendar/office-hours', {
          body: { sessions: values.sessions, cutoff: values.cutoff, reason: values.reason.trim() },
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData([...CALENDAR_KEY, 'hours'], saved);
      notifySuccess(t('calendar.hoursSaved'));
      form.setFieldValue('reason', '');
    },
  });
  return (
    <form noValidate onSubmit={form.onSubmit((values) => mutation.mutate(values))}>
      <Stack gap="sm">
        <ProblemAlert error={mutation.error} />
        {form.values.sessions.map((_, index) => (
          <SimpleGrid cols={2} key={index}>
            <TimeInput
              label={t('calendar.sessionStart', { n: index + 1 })}
              disabled={!canEdit}
              {...form.getInputProps(`sessions.${index}.start`)}
            />
            <TimeInput
              label={t('calendar.sessionEnd', { n: index + 1 })}
              disabled={!canEdit}
              {...form.getInputProps(`sessions.${index}.end`)}
            />
          </SimpleGrid>
        ))}
        <TimeInput
          label={t('calendar.cutoff')}
          description={t('calendar.cutoffHint')}
          disabled={!canEdit}
          {...form.getInputProps('cutoff')}
        />
        {canEdit && (
          <>
            <ReasonInput {...form.getInputProps('reason')} />
            <Group>
              <Button type="submit" loading={mutation.isPending}>
                {t('calendar.hoursSave')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </form>
  );
}
