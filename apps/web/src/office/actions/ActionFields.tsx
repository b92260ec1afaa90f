/**
 * The fields of an action's form, in the order an officer fills them, from the command's
 * required and optional fields (GET /allowed-actions). Deadlines offer working days only; an
 * officer's note says whether the applicant will read it.
 */
import { Checkbox, FileInput, List, NumberInput, Select, Stack, Text, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isAddressedToApplicant } from '@tayninh/domain/dossiers/notes';
import { commandEvent } from '@tayninh/domain/dossiers/commands';
import { INITIAL_STATE } from '@tayninh/domain/dossiers/lifecycle';
import { api, call } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { DateField } from '../DateField';
import { UnitPicker } from '../pickers';
import type { ActionContext, OfferedAction, Values } from './types';

export function fieldLabels(
  t: TFunction<['office', 'common']>,
  action: OfferedAction,
): Record<string, string> {
  const needs = (field: string) => action.required.includes(field);
  return {
    reason: needs('reason') ? t('actions.reasonRequired') : t('actions.reasonOptional'),
    items: t('actions.items'),
    dueAt: action.type === 'forward' ? t('actions.dueAtForward') : t('actions.dueAtAccept'),
    assigneeId: t('actions.assignee'),
    unitId: t('actions.unit'),
    task: t('actions.task'),
    taskId: t('actions.taskId'),
    amountVnd: t('actions.amountVnd'),
    newDueAt: t('actions.newDueAt'),
    method: t('actions.method'),
  };
}

/** Whether the applicant reads this command's note whatever the officer chooses (notes.ts). */
function noteGoesToApplicant(action: OfferedAction): boolean {
  // The event does not depend on the state here, except request-supplement (addressed either way).
  return isAddressedToApplicant(commandEvent(action.type, { ...INITIAL_STATE, status: 'processing' }));
}

export function ActionFields({
  action,
  context,
  values,
  set,
  errors,
  labels,
  resultFiles,
}: {
  action: OfferedAction;
  context: ActionContext;
  values: Values;
  set: <K extends keyof Values>(name: K, value: Values[K]) => void;
  errors: Record<string, string>;
  labels: Record<string, string>;
  /** Names of the result files already attached (return-result). */
  resultFiles: string[];
}) {
  const { t } = useTranslation(['office', 'common']);
  const fields = new Set([...action.required, ...action.optional]);
  const needs = (field: string) => action.required.includes(field);
  const error = (field: string) => errors[`/${field}`];
  const assignees = useQuery({
    queryKey: ['dossier', context.code, 'assignees'],
    queryFn: () =>
      call(api.GET('/api/dossiers/{code}/assignees', { params: { path: { code: context.code } } })),
    enabled: fields.has('assigneeId'),
  });
  const online = values.method === 'online';

  return (
    <>
      {fields.has('assigneeId') && (
        <Select
          label={labels.assigneeId}
          required
          data={(assignees.data?.items ?? []).map((user) => ({
            value: String(user.id),
            label: user.fullName,
          }))}
          value={values.assigneeId}
          onChange={(value) => set('assigneeId', value)}
          error={error('assigneeId') ?? (assignees.error ? String(assignees.error.message) : undefined)}
          data-autofocus
        />
      )}
      {fields.has('unitId') && (
        <UnitPicker
          label={labels.unitId}
          placeholder={t('actions.unitPlaceholder')}
          required
          exclude={context.handlingUnitId}
          value={values.unitId}
          onChange={(value) => set('unitId', value)}
          error={error('unitId')}
          data-autofocus
        />
      )}
      {fields.has('task') && (
        <Textarea
          label={labels.task}
          required
          autosize
          minRows={2}
          maxLength={1000}
          value={values.task}
          onChange={(event) => set('task', event.currentTarget.value)}
          error={error('task')}
        />
      )}
      {fields.has('dueAt') && (action.type !== 'accept' || context.needsDueAt) && (
        <DateField
          label={labels.dueAt}
          description={action.type === 'accept' ? t('actions.dueAtAcceptHint') : undefined}
          required
          workingDaysOnly
          minDate={new Date()}
          value={values.dueAt}
          onChange={(value) => set('dueAt', value)}
          error={error('dueAt')}
        />
      )}
      {fields.has('taskId') && context.openTasks.length > 1 && (
        <Select
          label={labels.taskId}
          data={context.openTasks.map((task) => ({
            value: task.taskId,
            label: t('dossier.task', { task: task.task, at: formatDateTime(task.dueAt) }),
          }))}
          value={values.taskId}
          onChange={(value) => set('taskId', value)}
          error={error('taskId')}
        />
      )}
      {fields.has('items') && (
        <Textarea
          label={labels.items}
          description={t('actions.itemsHint')}
          required
          autosize
          minRows={3}
          value={values.items}
          onChange={(event) => set('items', event.currentTarget.value)}
          error={error('items')}
          data-autofocus
        />
      )}
      {fields.has('amountVnd') && (
        <NumberInput
          label={labels.amountVnd}
          required
          min={0}
          thousandSeparator="."
          decimalSeparator=","
          allowDecimal={false}
          value={values.amountVnd}
          onChange={(value) => set('amountVnd', typeof value === 'number' ? value : '')}
          error={error('amountVnd')}
        />
      )}
      {fields.has('newDueAt') && (
        <DateField
          label={labels.newDueAt}
          required
          workingDaysOnly
          minDate={new Date()}
          value={values.newDueAt}
          onChange={(value) => set('newDueAt', value)}
          error={error('newDueAt')}
        />
      )}
      {fields.has('method') && (
        <Select
          label={labels.method}
          data={(['counter', 'post', 'online'] as const).map((method) => ({
            value: method,
            label: t(`actions.methods.${method}`),
          }))}
          value={values.method}
          onChange={(value) => set('method', value)}
          allowDeselect={false}
          error={error('method')}
        />
      )}
      {action.type === 'return-result' && (
        <Stack gap={4}>
          {resultFiles.length > 0 && (
            <div>
              <Text size="sm" fw={600}>
                {t('actions.resultFilesAttached')}
              </Text>
              <List size="sm">
                {resultFiles.map((name) => (
                  <List.Item key={name}>{name}</List.Item>
                ))}
              </List>
            </div>
          )}
          <FileInput
            label={
              online && resultFiles.length === 0 ? t('actions.resultFileRequired') : t('actions.resultFile')
            }
            description={online ? t('actions.resultFileOnline') : undefined}
            required={online && resultFiles.length === 0}
            accept="application/pdf,image/jpeg,image/png"
            clearable
            value={values.resultFile}
            onChange={(file) => set('resultFile', file)}
            error={error('resultFile')}
          />
        </Stack>
      )}
      {fields.has('reason') && (
        <Textarea
          label={labels.reason}
          description={noteGoesToApplicant(action) ? t('actions.reasonForApplicant') : undefined}
          required={needs('reason')}
          autosize
          minRows={2}
          maxLength={2000}
          value={values.reason}
          onChange={(event) => set('reason', event.currentTarget.value)}
          error={error('reason')}
          data-autofocus={needs('reason') || undefined}
        />
      )}
      {fields.has('shareNote') && (
        <Checkbox
          label={t('actions.shareNote')}
          description={t('actions.shareNoteHint')}
          checked={values.shareNote}
          onChange={(event) => set('shareNote', event.currentTarget.checked)}
        />
      )}
    </>
  );
}
