import { useCalendarLabels } from '../components/calendar-labels';
/** Adds a special day to the year's list or changes one (saved with the year afterwards). */
import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../lib/format';
import { DAY_KINDS, dayProblem, type SpecialDay } from './calendar-days';
import { DATE_FORMAT } from './dates';

interface Props {
  year: number;
  days: SpecialDay[];
  /** The day being edited, or the date to start from when adding. */
  editing: SpecialDay | null;
  initialDate: string | null;
  opened: boolean;
  onClose: () => void;
  onApply: (day: SpecialDay, editing: string | null) => void;
}

export function DayFormModal({ opened, onClose, editing, ...rest }: Props) {
  const { t } = useTranslation('admin');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={editing ? t('calendar.editTitle', { date: formatDate(editing.date) }) : t('calendar.addTitle')}
    >
      {opened && <DayForm onClose={onClose} editing={editing} {...rest} />}
    </Modal>
  );
}

function DayForm({ year, days, editing, initialDate, onClose, onApply }: Omit<Props, 'opened'>) {
  const calendarLabels = useCalendarLabels();
  const { t } = useTranslation('admin');
  const form = useForm({
    initialValues: {
      date: editing?.date ?? initialDate ?? `${year}-01-01`,
      kind: editing?.kind ?? 'holiday',
      name: editing?.name ?? '',
      source: editing?.source ?? '',
    },
    validate: (values) => {
      const errors: Record<string, string> = {};
      if (!values.date) errors.date = t('common.chooseRequired', { field: t('calendar.date').toLowerCase() });
      else {
        const problem = dayProblem(
          { date: values.date, kind: values.kind },
          year,
          days,
          editing?.date ?? null,
        );
        if (problem === 'notWeekend') errors.kind = t('calendar.problems.notWeekend');
        else if (problem) errors.date = t(`calendar.problems.${problem}`, { year });
      }
      if (!values.name.trim())
        errors.name = t('common.required', { field: t('calendar.name').toLowerCase() });
      return errors;
    },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        onApply(
          { date: values.date, kind: values.kind, name: values.name.trim(), source: values.source.trim() },
          editing?.date ?? null,
        );
        onClose();
      })}
    >
      <Stack>
        <DatePickerInput
          ariaLabels={calendarLabels}
          label={t('calendar.date')}
          required
          valueFormat={DATE_FORMAT}
          minDate={`${year}-01-01`}
          maxDate={`${year}-12-31`}
          data-autofocus
          {...form.getInputProps('date')}
        />
        <Select
          label={t('calendar.kind')}
          required
          allowDeselect={false}
          data={DAY_KINDS.map((kind) => ({ value: kind, label: t(`calendar.kinds.${kind}`) }))}
          {...form.getInputProps('kind')}
        />
        <TextInput
          label={t('calendar.name')}
          description={t('calendar.nameHint')}
          required
          {...form.getInputProps('name')}
        />
        <TextInput label={t('calendar.daySource')} {...form.getInputProps('source')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit">{t('calendar.apply')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
