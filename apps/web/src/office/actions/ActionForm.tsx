/**
 * The form of one action. Every opened form gets its own idempotency key, so a double click or a
 * retry is recorded once. A refusal by the server (409 with its Vietnamese reason, 422 with field
 * errors) shows inside the form. Before the confirm button: the appointment accepting now gives
 * (accept), and what returning online needs (return-result).
 */
import { Button, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, call, idempotencyKey } from '../../api/client';
import { upload } from '../../api/upload';
import { ProblemAlert } from '../../components/ProblemAlert';
import { endOfWorkingDay } from '../logic';
import { AcceptPreview } from './AcceptPreview';
import { ActionFields, fieldLabels } from './ActionFields';
import { DANGER, type ActionContext, type OfferedAction, type Values } from './types';

export function ActionForm({
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
  const [values, setValues] = useState<Values>({
    reason: '',
    shareNote: false,
    items: (context.defaultItems ?? []).join('\n'),
    dueAt: null,
    assigneeId: null,
    unitId: null,
    task: '',
    taskId: null,
    amountVnd: '',
    newDueAt: null,
    method: context.resultDelivery ?? (context.channel === 'online' ? 'online' : 'counter'),
    resultFile: null,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof Values>(name: K, value: Values[K]) =>
    setValues((old) => ({ ...old, [name]: value }));
  const labels = fieldLabels(t, action);

  // Returning: the result files already attached (the officers see them before the return).
  const dossier = useQuery({
    queryKey: ['dossier', context.code],
    queryFn: () => call(api.GET('/api/dossiers/{code}', { params: { path: { code: context.code } } })),
    enabled: action.type === 'return-result',
  });
  const resultFiles = (dossier.data?.attachments ?? []).filter((file) => file.purpose === 'result');

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
      const reason = values.reason.trim();
      const body = {
        type: action.type,
        ...(fields.has('reason') && reason ? { reason } : {}),
        ...(fields.has('shareNote') && reason && values.shareNote ? { shareNote: true } : {}),
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
    // Returned online, the applicant downloads the electronic result: there must be one.
    if (
      action.type === 'return-result' &&
      values.method === 'online' &&
      !values.resultFile &&
      resultFiles.length === 0
    )
      missing['/resultFile'] = t('actions.resultFileNeeded');
    setErrors(missing);
    if (Object.keys(missing).length === 0) mutation.mutate();
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm">
        <ActionFields
          action={action}
          context={context}
          values={values}
          set={set}
          errors={errors}
          labels={labels}
          resultFiles={resultFiles.map((file) => file.fileName)}
        />
        {action.type === 'accept' && !context.needsDueAt && <AcceptPreview code={context.code} />}
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
