/**
 * The actions one may take on a dossier now, each a button opening its form in a modal (focus is
 * trapped inside and returns to the button on close). Every opened form gets its own idempotency
 * key, so a double click or a retry is recorded once. A refusal by the server (409 with its
 * Vietnamese reason, 422 with field errors) shows inside the form.
 */
import { Button, FileInput, Group, Modal, NumberInput, Select, Stack, Textarea, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DossierCommand } from '@tayninh/domain/dossiers/commands';
import type { OpenTask } from '@tayninh/domain/dossiers/lifecycle';
import { ApiError, api, call, idempotencyKey } from '../../api/client';
import { upload } from '../../api/upload';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../lib/format';
import { DateField } from '../DateField';
import { endOfWorkingDay } from '../logic';
import { UnitPicker } from '../pickers';

export interface OfferedAction {
  type: DossierCommand;
  label: string;
  labelEn: string;
  required: string[];
  optional: string[];
}

export interface ActionContext {
  code: string;
  handlingUnitId: number;
  channel: string;
  openTasks: OpenTask[];
  /** The procedure publishes no processing time for this channel: accepting needs a date. */
  needsDueAt: boolean;
  /** Pre-filled supplement items (the documents not received at the counter). */
  defaultItems?: string[];
}

const DANGER: readonly string[] = ['refuse', 'reject', 'stop', 'withdraw'];
const PRIMARY: readonly string[] = [
  'accept',
  'approve',
  'return-result',
  'send-for-approval',
  'complete-task',
];

export function ActionPanel({
  actions,
  context,
  onDone,
}: {
  actions: OfferedAction[];
  context: ActionContext;
  onDone: (type: DossierCommand) => void;
}) {
  const { t, i18n } = useTranslation(['office', 'common']);
  const [open, setOpen] = useState<OfferedAction | null>(null);
  const label = (action: OfferedAction) => (i18n.language === 'en' ? action.labelEn : action.label);
  if (actions.length === 0) return <Text c="dimmed">{t('dossier.noActions')}</Text>;
  return (
    <>
      <Group gap="sm">
        {actions.map((action) => (
          <Button
            key={action.type}
            variant={
              PRIMARY.includes(action.type) ? 'filled' : DANGER.includes(action.type) ? 'outline' : 'default'
            }
            color={DANGER.includes(action.type) ? 'red.9' : undefined}
            onClick={() => setOpen(action)}
          >
            {label(action)}
          </Button>
        ))}
      </Group>
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={open ? label(open) : ''}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      >
        {open && (
          <ActionForm
            key={open.type}
            action={open}
            label={label(open)}
            context={context}
            onCancel={() => setOpen(null)}
            onDone={() => {
              setOpen(null);
              onDone(open.type);
            }}
          />
        )}
      </Modal>
    </>
  );
}

interface Values {
  reason: string;
  items: string;
  dueAt: string | null;
  assigneeId: string | null;
  unitId: string | null;
  task: string;
  taskId: string | null;
  amountVnd: number | '';
  newDueAt: string | null;
  method: string | null;
  resultFile: File | null;
}

function ActionForm({
  action,
  label,
  context,
  onCancel,
  onDone,
}: {
  action: OfferedAction;
  label: string;
  context: ActionContext;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation(['office', 'common']);
  // One key per opened form: pressing the button twice, or retrying after a network error,
  // sends the same key and the server records the action once.
  const [key] = useState(idempotencyKey);
  const fields = new Set([...action.required, ...action.optional]);
  const needs = (field: string) => action.required.includes(field);
  const [values, setValues] = useState<Values>({
    reason: '',
    items: (context.defaultItems ?? []).join('\n'),
    dueAt: null,
    assigneeId: null,
    unitId: null,
    task: '',
    taskId: null,
    amountVnd: '',
    newDueAt: null,
    method: context.channel === 'online' ? 'online' : 'counter',
    resultFile: null,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof Values>(name: K, value: Values[K]) =>
    setValues((old) => ({ ...old, [name]: value }));

  const assignees = useQuery({
    queryKey: ['dossier', context.code, 'assignees'],
    queryFn: () =>
      call(api.GET('/api/dossiers/{code}/assignees', { params: { path: { code: context.code } } })),
    enabled: fields.has('assigneeId'),
  });

  const labels: Record<string, string> = {
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

  const mutation = useMutation({
    mutationFn: async () => {
      if (action.type === 'return-result' && values.resultFile) {
        // Recorded as the result: the applicant's page lists it as such.
        await upload({
          url: `/api/dossiers/${encodeURIComponent(context.code)}/attachments?purpose=result`,
          file: values.resultFile,
        });
      }
      const items = values.items
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      const body = {
        type: action.type,
        ...(fields.has('reason') && values.reason.trim() ? { reason: values.reason.trim() } : {}),
        ...(fields.has('items') && items.length ? { items } : {}),
        ...(fields.has('dueAt') && values.dueAt ? { dueAt: endOfWorkingDay(values.dueAt) } : {}),
        ...(fields.has('assigneeId') && values.assigneeId ? { assigneeId: Number(values.assigneeId) } : {}),
        ...(fields.has('unitId') && values.unitId ? { unitId: Number(values.unitId) } : {}),
        ...(fields.has('task') && values.task.trim() ? { task: values.task.trim() } : {}),
        ...(fields.has('taskId') && values.taskId ? { taskId: values.taskId } : {}),
        ...(fields.has('amountVnd') && values.amountVnd !== '' ? { amountVnd: values.amountVnd } : {}),
        ...(fields.has('newDueAt') && values.newDueAt ? { newDueAt: endOfWorkingDay(values.newDueAt) } : {}),
        ...(fields.has('method') && values.method
          ? { method: values.method as 'counter' | 'post' | 'online' }
          : {}),
      };
      return call(
        api.POST('/api/dossiers/{code}/actions', {
          params: { path: { code: context.code }, header: { 'idempotency-key': key } },
          body,
        }),
      );
    },
    onSuccess: () => {
      notifications.show({
        color: 'green',
        title: t('actions.done', { action: label }),
        message: context.code,
      });
      onDone();
    },
    onError: (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors());
    },
  });

  const submit = () => {
    const missing: Record<string, string> = {};
    const empty: Record<string, boolean> = {
      reason: !values.reason.trim(),
      items: !values.items.trim(),
      dueAt: !values.dueAt && (action.type !== 'accept' || context.needsDueAt),
      assigneeId: !values.assigneeId,
      unitId: !values.unitId,
      task: !values.task.trim(),
      amountVnd: values.amountVnd === '',
      newDueAt: !values.newDueAt,
    };
    const mustHave = [
      ...action.required,
      ...(action.type === 'accept' && context.needsDueAt ? ['dueAt'] : []),
    ];
    for (const field of mustHave)
      if (empty[field])
        missing[`/${field}`] = t('actions.fieldRequired', { field: labels[field]!.toLowerCase() });
    setErrors(missing);
    if (Object.keys(missing).length === 0) mutation.mutate();
  };

  const error = (field: string) => errors[`/${field}`];
  const controls: ReactNode[] = [];
  if (fields.has('assigneeId'))
    controls.push(
      <Select
        key="assigneeId"
        label={labels.assigneeId}
        required
        data={(assignees.data?.items ?? []).map((user) => ({ value: String(user.id), label: user.fullName }))}
        value={values.assigneeId}
        onChange={(value) => set('assigneeId', value)}
        error={error('assigneeId') ?? (assignees.error ? String(assignees.error.message) : undefined)}
        data-autofocus
      />,
    );
  if (fields.has('unitId'))
    controls.push(
      <UnitPicker
        key="unitId"
        label={labels.unitId}
        placeholder={t('actions.unitPlaceholder')}
        required
        exclude={context.handlingUnitId}
        value={values.unitId}
        onChange={(value) => set('unitId', value)}
        error={error('unitId')}
        data-autofocus
      />,
    );
  if (fields.has('task'))
    controls.push(
      <Textarea
        key="task"
        label={labels.task}
        required
        autosize
        minRows={2}
        maxLength={1000}
        value={values.task}
        onChange={(event) => set('task', event.currentTarget.value)}
        error={error('task')}
      />,
    );
  if (fields.has('dueAt') && (action.type !== 'accept' || context.needsDueAt))
    controls.push(
      <DateField
        key="dueAt"
        label={labels.dueAt}
        description={action.type === 'accept' ? t('actions.dueAtAcceptHint') : undefined}
        required
        minDate={new Date()}
        value={values.dueAt}
        onChange={(value) => set('dueAt', value)}
        error={error('dueAt')}
      />,
    );
  if (fields.has('taskId') && context.openTasks.length > 1)
    controls.push(
      <Select
        key="taskId"
        label={labels.taskId}
        data={context.openTasks.map((task) => ({
          value: task.taskId,
          label: t('dossier.task', { task: task.task, at: formatDateTime(task.dueAt) }),
        }))}
        value={values.taskId}
        onChange={(value) => set('taskId', value)}
        error={error('taskId')}
      />,
    );
  if (fields.has('items'))
    controls.push(
      <Textarea
        key="items"
        label={labels.items}
        description={t('actions.itemsHint')}
        required
        autosize
        minRows={3}
        value={values.items}
        onChange={(event) => set('items', event.currentTarget.value)}
        error={error('items')}
        data-autofocus
      />,
    );
  if (fields.has('amountVnd'))
    controls.push(
      <NumberInput
        key="amountVnd"
        label={labels.amountVnd}
        required
        min={0}
        thousandSeparator="."
        decimalSeparator=","
        allowDecimal={false}
        value={values.amountVnd}
        onChange={(value) => set('amountVnd', typeof value === 'number' ? value : '')}
        error={error('amountVnd')}
      />,
    );
  if (fields.has('newDueAt'))
    controls.push(
      <DateField
        key="newDueAt"
        label={labels.newDueAt}
        required
        minDate={new Date()}
        value={values.newDueAt}
        onChange={(value) => set('newDueAt', value)}
        error={error('newDueAt')}
      />,
    );
  if (fields.has('method'))
    controls.push(
      <Select
        key="method"
        label={labels.method}
        data={(['counter', 'post', 'online'] as const).map((method) => ({
          value: method,
          label: t(`actions.methods.${method}`),
        }))}
        value={values.method}
        onChange={(value) => set('method', value)}
        allowDeselect={false}
        error={error('method')}
      />,
    );
  if (action.type === 'return-result')
    controls.push(
      <FileInput
        key="resultFile"
        label={t('actions.resultFile')}
        accept="application/pdf,image/jpeg,image/png"
        clearable
        value={values.resultFile}
        onChange={(file) => set('resultFile', file)}
      />,
    );
  if (fields.has('reason'))
    controls.push(
      <Textarea
        key="reason"
        label={labels.reason}
        required={needs('reason')}
        autosize
        minRows={2}
        maxLength={2000}
        value={values.reason}
        onChange={(event) => set('reason', event.currentTarget.value)}
        error={error('reason')}
        data-autofocus={needs('reason') || undefined}
      />,
    );

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm">
        {controls}
        {mutation.error && <ProblemAlert error={mutation.error} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common:actions.cancel')}
          </Button>
          <Button
            type="submit"
            loading={mutation.isPending}
            color={DANGER.includes(action.type) ? 'red.9' : undefined}
          >
            {t('actions.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
