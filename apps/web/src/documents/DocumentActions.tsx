/**
 * The actions an official may take on a document now (the server's allowedActions): one button
 * each, the way forward first. A one-step action is sent at once; the others open their form
 * here (a reason to return, the signing PIN, the lead unit and person to direct to…). The
 * server decides: its refusal is shown as it words it.
 */
import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifySuccess } from '../components/notify';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call } from '../api/client';
import { ProblemAlert } from '../components/ProblemAlert';
import { UnitPicker } from '../office/pickers';
import { fieldMessages } from './field-errors';
import { DuplicateWarning } from './Duplicates';
import { isDanger, needsForm, orderedActions } from './logic';
import type { ActionName, DocumentView } from './types';

interface FormValues {
  reason: string;
  note: string;
  pin: string;
  opinion: string;
  unitId: string | null;
  userId: string | null;
  workingDays: number | string;
  replyId: number | string;
  fileCode: string;
  presentedTo: string | null;
}

const EMPTY: FormValues = {
  reason: '',
  note: '',
  pin: '',
  opinion: '',
  unitId: null,
  userId: null,
  workingDays: 5,
  replyId: '',
  fileCode: '',
  presentedTo: null,
};

/** The request body of an action, from what the form holds. */
function bodyOf(action: ActionName, v: FormValues, doc: DocumentView): Record<string, unknown> {
  const note = v.note.trim() ? { note: v.note.trim() } : {};
  const person = { unitId: Number(v.unitId), userId: v.userId ? Number(v.userId) : null };
  switch (action) {
    case 'approve':
      return { type: action, ...note };
    case 'return':
    case 'cancel':
    case 'recall':
    case 'return-to-sender':
      return { type: action, reason: v.reason };
    case 'sign':
      return { type: action, ...(v.pin ? { pin: v.pin } : {}) };
    case 'add-recipients':
      return { type: action, recipients: [{ unitId: Number(v.unitId) }], reason: v.reason };
    case 'register':
      return { type: action, presentedTo: v.presentedTo ? Number(v.presentedTo) : null };
    case 'direct':
      return {
        type: action,
        lead: person,
        workingDays: v.workingDays === '' ? null : Number(v.workingDays),
        opinion: v.opinion,
      };
    case 'assign':
      return { type: action, assignee: person, ...note };
    case 'add-opinion':
      return { type: action, opinion: v.opinion };
    case 'complete':
      return {
        type: action,
        replyDocumentId: v.replyId === '' ? (doc.replyDocumentId ?? null) : Number(v.replyId),
        ...note,
      };
    case 'file':
      return { type: action, fileCode: v.fileCode };
    case 'receive':
      // The văn thư was shown the suspected duplicates and confirms this is another document.
      return { type: action, ...(doc.duplicates.length > 0 ? { confirmDuplicate: true } : {}) };
    default:
      return { type: action };
  }
}

export function DocumentActions({ document: doc }: { document: DocumentView }) {
  const { t } = useTranslation(['documents', 'common']);
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<ActionName | null>(null);
  const [values, setValues] = useState<FormValues>(EMPTY);
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) =>
    setValues((old) => ({ ...old, [key]: value }));
  const act = useMutation({
    mutationFn: (action: ActionName) =>
      call(
        api.POST('/api/documents/{id}/actions', {
          params: { path: { id: doc.id } },
          body: bodyOf(action, values, doc) as { type: 'submit' },
        }),
      ),
    onSuccess: async (_data, action) => {
      notifySuccess(t('actions.done', { action: t(`actions.names.${action}`) }));
      setOpen(null);
      setValues(EMPTY);
      await queryClient.invalidateQueries({ queryKey: ['documents'] });
    },
  });
  const actions = orderedActions(doc.allowedActions);
  const errors = act.error instanceof ApiError ? fieldMessages(act.error) : {};
  const start = (action: ActionName) => {
    act.reset();
    if (needsForm(action) || (action === 'receive' && doc.duplicates.length > 0)) setOpen(action);
    else act.mutate(action);
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="document-actions">
      <Title order={2} size="h4" id="document-actions" mb="sm">
        {t('actions.title')}
      </Title>
      {actions.length === 0 ? (
        <Text size="sm">{t('actions.none')}</Text>
      ) : (
        <Group gap="xs">
          {actions.map((action) => (
            <Button
              key={action}
              variant={open === action ? 'filled' : isDanger(action) ? 'light' : 'default'}
              color={isDanger(action) ? 'red' : undefined}
              onClick={() => start(action)}
              loading={act.isPending && act.variables === action}
            >
              {t(`actions.names.${action}`)}
            </Button>
          ))}
        </Group>
      )}
      {act.error && !open && <ProblemAlert error={act.error} />}
      {open && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            act.mutate(open);
          }}
        >
          <Stack gap="sm" mt="md" aria-label={t(`actions.names.${open}`)} role="group">
            {act.error && <ProblemAlert error={act.error} />}
            <ActionFields action={open} doc={doc} values={values} set={set} errors={errors} />
            <Group gap="xs">
              {open !== 'prepare-signature' && (
                <Button type="submit" loading={act.isPending} color={isDanger(open) ? 'red' : undefined}>
                  {t('actions.confirm')}: {t(`actions.names.${open}`)}
                </Button>
              )}
              <Button variant="subtle" onClick={() => setOpen(null)}>
                {t('actions.cancelForm')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}

function ActionFields({
  action,
  doc,
  values,
  set,
  errors,
}: {
  action: ActionName;
  doc: DocumentView;
  values: FormValues;
  set: <K extends keyof FormValues>(key: K, value: FormValues[K]) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation('documents');
  const long = (key: 'reason' | 'opinion', label: string, maxLength: number) => (
    <Textarea
      label={label}
      value={values[key]}
      onChange={(e) => set(key, e.currentTarget.value)}
      error={errors[key]}
      maxLength={maxLength}
      required
      autosize
      minRows={2}
    />
  );
  const note = (
    <TextInput
      label={t('actions.note')}
      value={values.note}
      onChange={(e) => set('note', e.currentTarget.value)}
      maxLength={1000}
    />
  );
  switch (action) {
    case 'return':
    case 'cancel':
    case 'recall':
    case 'return-to-sender':
      return long('reason', t('actions.reason'), 500);
    case 'approve':
      return note;
    case 'sign':
      return (
        <PasswordInput
          label={t('actions.pin')}
          description={t('actions.pinHint')}
          value={values.pin}
          onChange={(e) => set('pin', e.currentTarget.value)}
          error={errors.pin}
          maxLength={64}
          autoComplete="off"
        />
      );
    case 'prepare-signature':
      return <Alert color="blue">{t('actions.externalHint', { id: doc.id })}</Alert>;
    case 'receive':
      return <DuplicateWarning duplicates={doc.duplicates} />;
    case 'register':
      return (
        <People
          label={t('actions.leadUser')}
          unitId={doc.agency?.id ?? null}
          role="leader"
          value={values.presentedTo}
          onChange={(id) => set('presentedTo', id)}
        />
      );
    case 'direct':
    case 'assign':
      return (
        <>
          <UnitPicker
            label={t('actions.leadUnit')}
            value={values.unitId}
            onChange={(id) => {
              set('unitId', id);
              set('userId', null);
            }}
            error={errors['lead/unitId'] ?? errors['assignee/unitId']}
            required
          />
          <People
            label={action === 'assign' ? t('actions.assignee') : t('actions.leadUser')}
            unitId={values.unitId ? Number(values.unitId) : null}
            value={values.userId}
            onChange={(id) => set('userId', id)}
          />
          {action === 'direct' ? (
            <>
              <NumberInput
                label={t('actions.workingDays')}
                value={values.workingDays}
                onChange={(n) => set('workingDays', n)}
                min={1}
                max={365}
                maw={220}
              />
              {long('opinion', t('actions.opinion'), 2000)}
            </>
          ) : (
            note
          )}
        </>
      );
    case 'add-opinion':
      return long('opinion', t('actions.opinionProcess'), 2000);
    case 'add-recipients':
      return (
        <>
          <UnitPicker
            label={t('actions.addedRecipient')}
            value={values.unitId}
            onChange={(id) => set('unitId', id)}
            error={errors['recipients/0'] ?? errors.recipients}
            required
          />
          {long('reason', t('actions.reason'), 500)}
        </>
      );
    case 'complete':
      return (
        <>
          <NumberInput
            label={t('actions.replyId')}
            value={values.replyId}
            onChange={(n) => set('replyId', n)}
            min={1}
            maw={260}
            allowDecimal={false}
            error={errors.replyDocumentId}
          />
          {note}
        </>
      );
    case 'file':
      return (
        <TextInput
          label={t('actions.fileCode')}
          value={values.fileCode}
          onChange={(e) => set('fileCode', e.currentTarget.value)}
          error={errors.fileCode}
          required
        />
      );
    default:
      return null;
  }
}

/** The leaders and specialists of a unit, to name one person (or nobody: the whole unit). */
function People({
  label,
  unitId,
  role,
  value,
  onChange,
}: {
  label: string;
  unitId: number | null;
  role?: 'leader';
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const { t } = useTranslation('documents');
  const people = useQuery({
    queryKey: ['documents', 'officials', unitId, role ?? ''],
    queryFn: () =>
      call(
        api.GET('/api/documents/officials', {
          params: { query: { unitId: unitId ?? undefined, ...(role ? { role } : {}) } },
        }),
      ),
    enabled: unitId !== null,
    staleTime: 5 * 60_000,
  });
  return (
    <Select
      label={label}
      placeholder={t('actions.anyone')}
      data={(people.data?.items ?? []).map((p) => ({ value: String(p.userId), label: p.fullName }))}
      value={value}
      onChange={onChange}
      clearable
      disabled={unitId === null}
    />
  );
}
