import { useCalendarLabels } from '../components/calendar-labels';
/** Create a unit, or edit one (name, codes, re-parent), with the reason of the change. */
import { Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { ProblemAlert } from '../components/ProblemAlert';
import { todayIso } from '../lib/format';
import { DATE_FORMAT } from './dates';
import { UNITS_KEY } from './hooks';
import { notifySuccess, ReasonInput, useReasonRule } from './shared';
import { subtreeIds, unitChanges, unitOptions, type Tier, type Unit, type UnitKind } from './units-tree';
import { ADMIN_AREA_CODE, AGENCY_CODE, matchesOptional } from './validation';
import { foldedFilter } from '../lib/search';

const KINDS: UnitKind[] = ['province', 'department', 'service_centre', 'commune', 'office', 'district'];
const TIERS: Tier[] = ['province', 'commune', 'district'];

/** What a new unit usually is under its parent: a department under the province, an office below. */
function defaultKind(parent: Unit | undefined): UnitKind {
  if (!parent) return 'province';
  return parent.kind === 'province' ? 'department' : 'office';
}

interface Props {
  opened: boolean;
  onClose: () => void;
  units: Unit[];
  /** The unit being edited; none to create one (under `parentId` when given). */
  unit?: Unit;
  parentId?: number | null;
  onSaved: (unit: Unit) => void;
}

export function UnitFormModal({ opened, onClose, units, unit, parentId, onSaved }: Props) {
  const { t } = useTranslation('admin');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={unit ? t('units.editTitle', { name: unit.name }) : t('units.createTitle')}
      size="lg"
    >
      {opened && (
        <UnitForm units={units} unit={unit} parentId={parentId} onClose={onClose} onSaved={onSaved} />
      )}
    </Modal>
  );
}

function UnitForm({ units, unit, parentId, onClose, onSaved }: Omit<Props, 'opened'>) {
  const calendarLabels = useCalendarLabels();
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const reasonRule = useReasonRule();
  const today = todayIso();
  const parent = units.find((item) => item.id === (unit?.parentId ?? parentId));
  const form = useForm({
    initialValues: {
      name: unit?.name ?? '',
      kind: unit?.kind ?? defaultKind(parent),
      tier: unit?.tier ?? parent?.tier ?? 'province',
      parentId: unit
        ? unit.parentId === null
          ? null
          : String(unit.parentId)
        : parent
          ? String(parent.id)
          : null,
      agencyCode: unit?.agencyCode ?? '',
      agencyCodeConfirmed: unit?.agencyCodeConfirmed ?? false,
      adminAreaCode: unit?.adminAreaCode ?? '',
      validFrom: today,
      reason: '',
    },
    validate: {
      name: (value) =>
        value.trim() ? null : t('common.required', { field: t('units.fields.name').toLowerCase() }),
      agencyCode: (value) => (matchesOptional(value, AGENCY_CODE) ? null : t('units.invalid.agencyCode')),
      adminAreaCode: (value) =>
        matchesOptional(value, ADMIN_AREA_CODE) ? null : t('units.invalid.adminAreaCode'),
      validFrom: (value) =>
        unit || value
          ? null
          : t('common.chooseRequired', { field: t('units.fields.validFrom').toLowerCase() }),
      reason: reasonRule,
    },
  });
  // A unit cannot move under itself or its own subtree.
  const excluded = unit ? subtreeIds(units, unit.id) : new Set<number>();
  const parentOptions = unitOptions(units, today, (item) => !excluded.has(item.id));

  const mutation = useMutation({
    mutationFn: async (values: typeof form.values): Promise<Unit | null> => {
      if (unit) {
        const patch = unitChanges(unit, values);
        if (Object.keys(patch).length === 0) return null;
        return call(
          api.PATCH('/api/admin/units/{id}', {
            params: { path: { id: unit.id } },
            body: { ...patch, reason: values.reason.trim() },
          }),
        );
      }
      return call(
        api.POST('/api/admin/units', {
          body: {
            name: values.name.trim(),
            kind: values.kind,
            tier: values.tier,
            parentId: values.parentId ? Number(values.parentId) : null,
            agencyCode: values.agencyCode.trim() || null,
            agencyCodeConfirmed: values.agencyCodeConfirmed,
            adminAreaCode: values.adminAreaCode.trim() || null,
            validFrom: values.validFrom ?? today,
            reason: values.reason.trim(),
          },
        }),
      );
    },
    onSuccess: async (saved) => {
      if (!saved) {
        form.setFieldError('name', t('common.noChanges'));
        return;
      }
      await queryClient.invalidateQueries({ queryKey: UNITS_KEY });
      await queryClient.invalidateQueries({ queryKey: ['admin', 'unit', saved.id] });
      notifySuccess(t(unit ? 'units.updated' : 'units.created', { name: saved.name }));
      onSaved(saved);
      onClose();
    },
  });

  return (
    <form noValidate onSubmit={form.onSubmit((values) => mutation.mutate(values))}>
      <Stack>
        <ProblemAlert error={mutation.error} />
        <TextInput label={t('units.fields.name')} required data-autofocus {...form.getInputProps('name')} />
        {!unit && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('units.fields.kind')}
              required
              allowDeselect={false}
              data={KINDS.map((kind) => ({ value: kind, label: t(`units.kinds.${kind}`) }))}
              {...form.getInputProps('kind')}
            />
            <Select
              label={t('units.fields.tier')}
              required
              allowDeselect={false}
              data={TIERS.map((tier) => ({ value: tier, label: t(`units.tiers.${tier}`) }))}
              {...form.getInputProps('tier')}
            />
          </SimpleGrid>
        )}
        <Select
          label={t('units.fields.parent')}
          placeholder={t('units.fields.parentNone')}
          searchable
          filter={foldedFilter}
          clearable
          data={parentOptions}
          nothingFoundMessage={t('common.noResults')}
          {...form.getInputProps('parentId')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('units.fields.agencyCode')}
            description={t('units.fields.agencyCodeHint')}
            {...form.getInputProps('agencyCode')}
          />
          <TextInput
            label={t('units.fields.adminAreaCode')}
            inputMode="numeric"
            {...form.getInputProps('adminAreaCode')}
          />
        </SimpleGrid>
        <Checkbox
          label={t('units.fields.agencyCodeConfirmed')}
          {...form.getInputProps('agencyCodeConfirmed', { type: 'checkbox' })}
        />
        {!unit && (
          <DatePickerInput
            ariaLabels={calendarLabels}
            label={t('units.fields.validFrom')}
            required
            valueFormat={DATE_FORMAT}
            {...form.getInputProps('validFrom')}
          />
        )}
        <ReasonInput {...form.getInputProps('reason')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {unit ? t('common.save') : t('units.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
