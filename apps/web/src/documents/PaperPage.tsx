/**
 * /van-ban/den-giay: the văn thư receives a paper document (NĐ 30/2020 Điều 21.1) — its metadata
 * entered by hand, its scan attached — then opens it to register it. A document that looks
 * received already is shown with the earlier ones; the văn thư confirms it is another or stops.
 * A secret document is never scanned. The server checks everything again.
 */
import {
  Button,
  FileInput,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifySuccess } from '../components/notify';
import { IconFileTypePdf } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { DOCUMENT_KINDS, type Secrecy, type Urgency } from '@tayninh/domain/documents/types';
import { api, ApiError, call } from '../api/client';
import { upload } from '../api/upload';
import { PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { DateField } from '../office/DateField';
import { ClassFields } from './ClassFields';
import { DuplicateWarning } from './Duplicates';
import { fieldMessages } from './field-errors';
import type { DocumentView, RelatedDocument } from './types';

interface Values {
  kind: string;
  subject: string;
  issuerName: string;
  issuerOrganId: string;
  codeNumber: string;
  codeNotation: string;
  issuedDate: string | null;
  urgency: Urgency;
  secrecy: Secrecy;
  signerName: string;
  signerPosition: string;
  pageAmount: number | string;
  dueDate: string | null;
}

const INITIAL: Values = {
  kind: 'cong-van',
  subject: '',
  issuerName: '',
  issuerOrganId: '',
  codeNumber: '',
  codeNotation: '',
  issuedDate: null,
  urgency: 'normal',
  secrecy: 'none',
  signerName: '',
  signerPosition: '',
  pageAmount: '',
  dueDate: null,
};

const orNull = (value: string) => value.trim() || null;

export default function PaperPage() {
  const { t } = useTranslation(['documents', 'common']);
  const navigate = useNavigate();
  const [values, setValues] = useState<Values>(INITIAL);
  const [scan, setScan] = useState<File | null>(null);
  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const secret = values.secrecy !== 'none';
  const save = useMutation({
    mutationFn: async (confirmDuplicate: boolean) => {
      const created = (await call(
        api.POST('/api/documents/paper', {
          body: {
            kind: values.kind as 'cong-van',
            subject: values.subject,
            issuerName: values.issuerName,
            issuerOrganId: orNull(values.issuerOrganId),
            codeNumber: orNull(values.codeNumber),
            codeNotation: orNull(values.codeNotation),
            issuedDate: values.issuedDate ?? '',
            urgency: values.urgency,
            secrecy: values.secrecy,
            signerName: orNull(values.signerName),
            signerPosition: orNull(values.signerPosition),
            pageAmount: typeof values.pageAmount === 'number' ? values.pageAmount : null,
            dueDate: values.dueDate,
            confirmDuplicate,
          },
        }),
      )) as DocumentView;
      // The scan goes up next; if it fails, the document page offers it again.
      if (scan && !secret)
        await upload<DocumentView>({
          url: `/api/documents/${created.id}/files?purpose=scan`,
          file: scan,
        }).catch(() => undefined);
      return created;
    },
    onSuccess: (document) => {
      notifySuccess(t('paper.saved'));
      void navigate(`/van-ban/${document.id}`);
    },
  });
  const problem = save.error instanceof ApiError ? save.error.problem : null;
  const duplicates =
    problem?.code === 'duplicate_suspected'
      ? ((problem as { related?: RelatedDocument[] }).related ?? [])
      : [];
  const errors = save.error instanceof ApiError ? fieldMessages(save.error) : {};
  const text = (key: keyof Values, max: number, required = false) => (
    <TextInput
      label={t(`paper.${key}`)}
      value={values[key] as string}
      onChange={(e) => set(key, e.currentTarget.value)}
      error={errors[key]}
      maxLength={max}
      required={required}
    />
  );
  return (
    <Stack gap="md" maw={900}>
      <PageTitle>{t('paper.title')}</PageTitle>
      <Text size="sm">{t('paper.intro')}</Text>
      {duplicates.length > 0 ? (
        <Stack gap="xs">
          <DuplicateWarning duplicates={duplicates} />
          <Group>
            <Button color="orange" variant="light" onClick={() => save.mutate(true)} loading={save.isPending}>
              {t('duplicates.confirm')}
            </Button>
          </Group>
        </Stack>
      ) : (
        save.error && <ProblemAlert error={save.error} />
      )}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(false);
        }}
      >
        <Stack gap="md">
          <ClassFields
            kinds={DOCUMENT_KINDS.map((kind) => ({ value: kind.code, label: kind.name }))}
            labels={{ kind: t('paper.kind'), urgency: t('paper.urgency'), secrecy: t('paper.secrecy') }}
            values={values}
            onChange={(next) => setValues((v) => ({ ...v, ...next }))}
            error={errors.kind}
          />
          <Textarea
            label={t('paper.subject')}
            value={values.subject}
            onChange={(e) => set('subject', e.currentTarget.value)}
            error={errors.subject}
            autosize
            minRows={2}
            maxLength={500}
            required
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {text('issuerName', 200, true)}
            {text('issuerOrganId', 13)}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {text('codeNumber', 11)}
            {text('codeNotation', 30)}
            <DateField
              label={t('paper.issuedDate')}
              value={values.issuedDate}
              onChange={(date) => set('issuedDate', date)}
              error={errors.issuedDate}
              required
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {text('signerName', 50)}
            {text('signerPosition', 100)}
            <NumberInput
              label={t('paper.pageAmount')}
              value={values.pageAmount}
              onChange={(n) => set('pageAmount', n)}
              min={1}
              max={999}
              allowDecimal={false}
              error={errors.pageAmount}
            />
          </SimpleGrid>
          <DateField
            label={t('paper.dueDate')}
            value={values.dueDate}
            onChange={(date) => set('dueDate', date)}
            error={errors.dueDate}
            maw={260}
          />
          {secret ? (
            <Text size="sm" c="dimmed">
              {t('paper.scanSecret')}
            </Text>
          ) : (
            <FileInput
              label={t('paper.scan')}
              accept="application/pdf,.pdf"
              value={scan}
              onChange={setScan}
              leftSection={<IconFileTypePdf size={16} aria-hidden />}
              clearable
              clearButtonProps={{ 'aria-label': t('common:actions.delete') }}
              maw={420}
            />
          )}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('paper.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
