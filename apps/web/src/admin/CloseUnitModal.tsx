import { useCalendarLabels } from '../components/calendar-labels';
/** Closes a unit (dissolution, merger) from a date, naming its successors and the legal basis. */
import { Alert, Button, Checkbox, Group, Modal, MultiSelect, Stack, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate, todayIso } from '../lib/format';
import { DATE_FORMAT } from './dates';
import { UNITS_KEY } from './hooks';
import { notifySuccess, ReasonInput, useReasonRule } from './shared';
import { isOpen, unitOptions, type Unit } from './units-tree';
import { foldedFilter } from '../lib/search';

interface Props {
  unit: Unit;
  units: Unit[];
  opened: boolean;
  onClose: () => void;
}

export function CloseUnitModal({ unit, units, opened, onClose }: Props) {
  const { t } = useTranslation('admin');
  return (
    <Modal opened={opened} onClose={onClose} title={t('units.closeTitle', { name: unit.name })} size="lg">
      {opened && <CloseUnitForm unit={unit} units={units} onClose={onClose} />}
    </Modal>
  );
}

function CloseUnitForm({ unit, units, onClose }: Omit<Props, 'opened'>) {
  const calendarLabels = useCalendarLabels();
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const reasonRule = useReasonRule();
  const form = useForm({
    initialValues: {
      closedOn: todayIso(),
      successors: [] as string[],
      whole: true,
      legalBasis: '',
      reason: '',
    },
    validate: {
      closedOn: (value) =>
        !value
          ? t('common.chooseRequired', { field: t('units.fields.closedOn').toLowerCase() })
          : value <= unit.validFrom
            ? t('units.invalid.closedOn', { date: formatDate(unit.validFrom) })
            : null,
      legalBasis: (value) =>
        value.trim() ? null : t('common.required', { field: t('units.fields.legalBasis').toLowerCase() }),
      reason: reasonRule,
    },
  });
  const closedOn = form.values.closedOn ?? todayIso();
  const options = unitOptions(units, closedOn, (item) => item.id !== unit.id && isOpen(item, closedOn));
  const mutation = useMutation({
    mutationFn: (values: typeof form.values) =>
      call(
        api.POST('/api/admin/units/{id}/close', {
          params: { path: { id: unit.id } },
          body: {
            closedOn: values.closedOn,
            successors: values.successors.map((id) => ({ unitId: Number(id), whole: values.whole })),
            legalBasis: values.legalBasis.trim(),
            reason: values.reason.trim(),
          },
        }),
      ),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: UNITS_KEY });
      await queryClient.invalidateQueries({ queryKey: ['admin', 'unit', saved.id] });
      notifySuccess(t('units.closedDone', { name: saved.name }));
      onClose();
    },
  });
  return (
    <form noValidate onSubmit={form.onSubmit((values) => mutation.mutate(values))}>
      <Stack>
        <Alert color="orange" variant="light">
          {t('units.closeWarning')}
        </Alert>
        <ProblemAlert error={mutation.error} />
        <DatePickerInput
          ariaLabels={calendarLabels}
          label={t('units.fields.closedOn')}
          description={t('units.fields.closedOnHint')}
          required
          valueFormat={DATE_FORMAT}
          data-autofocus
          {...form.getInputProps('closedOn')}
        />
        <MultiSelect
          label={t('units.fields.successorsPick')}
          description={t('units.fields.successorsHint')}
          searchable
          filter={foldedFilter}
          data={options}
          nothingFoundMessage={t('common.noResults')}
          {...form.getInputProps('successors')}
        />
        <Checkbox label={t('units.fields.whole')} {...form.getInputProps('whole', { type: 'checkbox' })} />
        <TextInput
          label={t('units.fields.legalBasis')}
          description={t('units.fields.legalBasisHint')}
          required
          {...form.getInputProps('legalBasis')}
        />
        <ReasonInput {...form.getInputProps('reason')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" loading={mutation.isPending}>
            {t('units.closeConfirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
