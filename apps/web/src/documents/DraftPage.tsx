/**
 * Drafting an outgoing document (specialists and leaders of a unit): the kind, the subject, the
 * body, urgency and secrecy, the signer (a leader of the issuing agency) with the signing
 * notation, the recipients in the province (by unit) and outside it (by identifier code), the
 * reply's due date; /van-ban/soan-thao?tra-loi=<id> drafts the reply to an incoming document,
 * ?thay-the=<id> the replacement of an issued one and ?dinh-chinh=<id> its correction (Điều 18.3).
 * The server checks everything again and names each problem beside its field.
 */
import {
  Alert,
  Button,
  Group,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifySuccess } from '../components/notify';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import {
  DOCUMENT_KINDS,
  SIGNING_NOTATIONS,
  SIGNING_NOTATION_NAMES,
  type Secrecy,
  type Urgency,
} from '@tayninh/domain/documents/types';
import { api, ApiError, call } from '../api/client';
import { PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { DateField } from '../office/DateField';
import { AmendingNotice, amendingDraft, useAmendedOriginal } from './Amendments';
import { ClassFields } from './ClassFields';
import { fieldMessages } from './field-errors';
import type { DocumentView } from './types';

interface Values {
  kind: string;
  subject: string;
  body: string;
  urgency: Urgency;
  secrecy: Secrecy;
  signerUserId: string | null;
  signerPosition: string;
  signingNotation: string;
  authorityTitle: string;
  recipientUnits: string[];
  externalName: string;
  externalCode: string;
  dueDate: string | null;
  /** External recipients carried over from the document being amended. */
  externals: Array<{ organId: string; name: string }>;
}

const INITIAL: Values = {
  kind: 'cong-van',
  subject: '',
  body: '',
  urgency: 'normal',
  secrecy: 'none',
  signerUserId: null,
  signerPosition: '',
  signingNotation: '',
  authorityTitle: '',
  recipientUnits: [],
  externalName: '',
  externalCode: '',
  dueDate: null,
  externals: [],
};

export default function DraftPage() {
  const { t } = useTranslation(['documents', 'common']);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const answers = Number(params.get('tra-loi')) || null;
  const [values, setValues] = useState<Values>(INITIAL);
  const amending = useAmendedOriginal(params);
  const [reason, setReason] = useState('');
  const original = amending?.original.data;
  const [prefilled, setPrefilled] = useState<number | null>(null);
  if (amending && original && prefilled !== original.id) {
    // Set during render once the original arrives (React's pattern for state derived from props).
    setPrefilled(original.id);
    setValues((v) => ({ ...v, ...amendingDraft(amending.kind, original) }));
  }
  const knownLabels = Object.fromEntries(
    (original?.recipients ?? []).flatMap((r) => (r.unitId ? [[String(r.unitId), r.name]] : [])),
  );
  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const signers = useQuery({
    queryKey: ['documents', 'officials', 'signers'],
    queryFn: () => call(api.GET('/api/documents/officials', { params: { query: { role: 'leader' } } })),
    staleTime: 5 * 60_000,
  });
  const save = useMutation({
    mutationFn: async () =>
      (await call(
        api.POST('/api/documents', {
          body: {
            kind: values.kind as 'cong-van',
            subject: values.subject,
            body: values.body,
            urgency: values.urgency,
            secrecy: values.secrecy,
            signerUserId: Number(values.signerUserId ?? 0),
            signerPosition: values.signerPosition,
            signingNotation: (values.signingNotation || null) as 'KT.' | null,
            authorityTitle: values.authorityTitle.trim() || null,
            recipients: [
              ...values.recipientUnits.map((id) => ({ unitId: Number(id) })),
              ...(values.externalName.trim() || values.externalCode.trim()
                ? [{ organId: values.externalCode.trim(), name: values.externalName.trim() }]
                : []),
              ...values.externals,
            ],
            dueDate: values.dueDate,
            answersDocumentId: answers,
            amends: amending
              ? { documentId: amending.id, kind: amending.kind, reason: reason.trim() }
              : undefined,
          },
        }),
      )) as DocumentView,
    onSuccess: (document) => {
      notifySuccess(t('draft.saved'));
      void navigate(`/van-ban/${document.id}`);
    },
  });
  const errors = save.error instanceof ApiError ? fieldMessages(save.error) : {};
  const kinds = DOCUMENT_KINDS.filter((kind) => kind.group !== 'copy').map((kind) => ({
    value: kind.code,
    label: kind.name,
  }));
  return (
    <Stack gap="md" maw={900}>
      <PageTitle>{t('draft.title')}</PageTitle>
      {answers && <Alert color="blue">{t('draft.answering', { id: answers })}</Alert>}
      {amending && (
        <AmendingNotice
          amending={amending}
          reason={reason}
          onReason={setReason}
          error={errors['amends/reason'] ?? errors['amends/documentId'] ?? errors.amends}
        />
      )}
      {save.error && <ProblemAlert error={save.error} />}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="md">
          <ClassFields
            kinds={kinds}
            labels={{ kind: t('draft.kind'), urgency: t('draft.urgency'), secrecy: t('draft.secrecy') }}
            values={values}
            onChange={(next) => setValues((v) => ({ ...v, ...next }))}
            error={errors.kind}
          />
          <Textarea
            label={t('draft.subject')}
            value={values.subject}
            onChange={(e) => set('subject', e.currentTarget.value)}
            error={errors.subject}
            autosize
            minRows={2}
            maxLength={500}
            required
          />
          <Textarea
            label={t('draft.body')}
            description={t('draft.bodyHint')}
            value={values.body}
            onChange={(e) => set('body', e.currentTarget.value)}
            error={errors.body}
            autosize
            minRows={8}
            required
          />
          <Paper withBorder p="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('draft.signer')}
                description={t('draft.signerHint')}
                data={(signers.data?.items ?? []).map((s) => ({
                  value: String(s.userId),
                  label: s.fullName,
                }))}
                value={values.signerUserId}
                onChange={(id) => set('signerUserId', id)}
                error={errors.signerUserId}
                required
              />
              <TextInput
                label={t('draft.signerPosition')}
                value={values.signerPosition}
                onChange={(e) => set('signerPosition', e.currentTarget.value)}
                error={errors.signerPosition}
                maxLength={100}
                required
              />
              <Select
                label={t('draft.notation')}
                data={[
                  { value: '', label: t('draft.notationNone') },
                  ...SIGNING_NOTATIONS.map((n) => ({ value: n, label: `${n} ${SIGNING_NOTATION_NAMES[n]}` })),
                ]}
                value={values.signingNotation}
                onChange={(n) => set('signingNotation', n ?? '')}
                allowDeselect={false}
              />
              <TextInput
                label={t('draft.authorityTitle')}
                value={values.authorityTitle}
                onChange={(e) => set('authorityTitle', e.currentTarget.value)}
                error={errors.authorityTitle}
                maxLength={100}
              />
            </SimpleGrid>
          </Paper>
          <RecipientPicker
            value={values.recipientUnits}
            onChange={(ids) => set('recipientUnits', ids)}
            error={errors.recipients ?? errors['recipients/0']}
            knownLabels={knownLabels}
          />
          {values.externals.length > 0 && (
            <Text size="sm">
              {t('draft.externalsCarried', { names: values.externals.map((e) => e.name).join('; ') })}
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('draft.externalName')}
              value={values.externalName}
              onChange={(e) => set('externalName', e.currentTarget.value)}
              maxLength={200}
            />
            <TextInput
              label={t('draft.externalCode')}
              value={values.externalCode}
              onChange={(e) => set('externalCode', e.currentTarget.value)}
              maxLength={13}
            />
          </SimpleGrid>
          <DateField
            label={t('draft.dueDate')}
            value={values.dueDate}
            onChange={(date) => set('dueDate', date)}
            error={errors.dueDate}
            maw={260}
          />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('draft.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** Units of the province as one types (the units in force today), several at once. */
function RecipientPicker({
  value,
  onChange,
  error,
  knownLabels = {},
}: {
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
  /** Names of units chosen before this picker searched for them (a carried-over nơi nhận). */
  knownLabels?: Record<string, string>;
}) {
  const { t } = useTranslation('documents');
  const [search, setSearch] = useState('');
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [query] = useDebouncedValue(search.trim(), 250);
  const results = useQuery({
    queryKey: ['units', 'search', '', query],
    queryFn: () =>
      call(api.GET('/api/units', { params: { query: { q: query || undefined, pageSize: 30 } } })),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
  const found = (results.data?.items ?? []).map((unit) => ({ value: String(unit.id), label: unit.name }));
  const chosen = value
    .filter((id) => !found.some((item) => item.value === id))
    .map((id) => ({ value: id, label: labels[id] ?? knownLabels[id] ?? id }));
  return (
    <MultiSelect
      label={t('draft.recipients')}
      description={t('draft.recipientsHint')}
      placeholder={t('draft.recipientSearch')}
      data={[...chosen, ...found]}
      value={value}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(ids) => {
        const all = [...chosen, ...found];
        setLabels((old) => ({
          ...old,
          ...Object.fromEntries(ids.map((id) => [id, all.find((o) => o.value === id)?.label ?? id])),
        }));
        onChange(ids);
      }}
      error={error}
      required
      maxDropdownHeight={320}
    />
  );
}
