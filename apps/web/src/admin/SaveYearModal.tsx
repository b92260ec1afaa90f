/** Saves the edited list as the year's schedule (official or provisional), with source and reason. */
import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { ProblemAlert } from '../components/ProblemAlert';
import { yearWrite, type SpecialDay, type YearSchedule } from './calendar-days';
import { notifySuccess, ReasonInput, useReasonRule } from './shared';

export const CALENDAR_KEY = ['admin', 'calendar'] as const;
const SOURCE_MAX = 500;

interface Props {
  schedule: YearSchedule;
  days: SpecialDay[];
  opened: boolean;
  onClose: () => void;
  onSaved: (saved: YearSchedule) => void;
}

export function SaveYearModal({ opened, onClose, schedule, ...rest }: Props) {
  const { t } = useTranslation('admin');
  return (
    <Modal opened={opened} onClose={onClose} title={t('calendar.saveTitle', { year: schedule.year })}>
      {opened && <SaveYearForm schedule={schedule} onClose={onClose} {...rest} />}
    </Modal>
  );
}

function SaveYearForm({ schedule, days, onClose, onSaved }: Omit<Props, 'opened'>) {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const reasonRule = useReasonRule();
  const form = useForm<{ status: 'official' | 'provisional'; source: string; reason: string }>({
    initialValues: {
      status: schedule.status === 'official' ? 'official' : 'provisional',
      // A seeded source can be longer than the API takes for a year; each day keeps its own.
      source: (schedule.source ?? '').length <= SOURCE_MAX ? (schedule.source ?? '') : '',
      reason: '',
    },
    validate: {
      source: (value) =>
        !value.trim()
          ? t('common.required', { field: t('calendar.saveSource').toLowerCase() })
          : value.trim().length > SOURCE_MAX
            ? t('calendar.sourceTooLong', { max: SOURCE_MAX })
            : null,
      reason: reasonRule,
    },
  });
  const mutation = useMutation({
    mutationFn: (values: typeof form.values) =>
      call(
        api.PUT('/api/admin/calendar/years/{year}', {
          params: { path: { year: schedule.year } },
          body: yearWrite(days, values),
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData([...CALENDAR_KEY, 'year', saved.year], saved);
      notifySuccess(t('calendar.saved', { year: saved.year }));
      onSaved(saved);
      onClose();
    },
  });
  return (
    <form noValidate onSubmit={form.onSubmit((values) => mutation.mutate(values))}>
      <Stack>
        <ProblemAlert error={mutation.error} />
        <Select
          label={t('calendar.saveStatus')}
          allowDeselect={false}
          data={[
            { value: 'official', label: t('calendar.status.official') },
            { value: 'provisional', label: t('calendar.status.provisional') },
          ]}
          data-autofocus
          {...form.getInputProps('status')}
        />
        <TextInput
          label={t('calendar.saveSource')}
          description={t('calendar.saveSourceHint')}
          required
          maxLength={SOURCE_MAX}
          {...form.getInputProps('source')}
        />
        <ReasonInput {...form.getInputProps('reason')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('calendar.save', { year: schedule.year })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
