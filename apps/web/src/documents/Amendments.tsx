/**
 * Replacement and correction of an issued document (NĐ 30/2020 Điều 18.3) on its page: what it
 * replaces or corrects, what replaced or corrected it, and — for a drafter of its unit — the way
 * to draft the replacement (same kind) or the correcting công văn.
 */
import { Alert, Anchor, Button, Stack, Text, Textarea } from '@mantine/core';
import { IconReplace, IconTextCaption } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CORRECTION_KIND, type AmendmentKind } from '@tayninh/domain/documents/amendments';
import { api, call } from '../api/client';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate } from '../lib/format';
import { Field } from './Field';
import type { AmendmentLink, DocumentView } from './types';

function LinkText({ link }: { link: AmendmentLink }) {
  const { t } = useTranslation('documents');
  const label = [link.text ?? (link.documentId === null ? '' : `#${link.documentId}`), link.subject]
    .filter(Boolean)
    .join(' — ');
  return (
    <>
      {link.documentId === null ? (
        label || t('amend.external')
      ) : (
        <Anchor component={Link} to={`/van-ban/${link.documentId}`}>
          {label}
        </Anchor>
      )}
      {link.at && ` (${formatDate(link.at)})`}
      {link.reason && `. ${t('amend.reason')}: ${link.reason}`}
    </>
  );
}

export function AmendmentFields({ document: doc }: { document: DocumentView }) {
  const { t } = useTranslation('documents');
  return (
    <>
      {doc.amends && (
        <Field label={t(`amend.amends.${doc.amends.kind}`)}>
          <LinkText link={doc.amends} />
        </Field>
      )}
      {doc.amendedBy.map((link, i) => (
        <Field key={i} label={t(`amend.amendedBy.${link.kind}`)}>
          <LinkText link={link} />
        </Field>
      ))}
    </>
  );
}

export function AmendButtons({ document: doc }: { document: DocumentView }) {
  const { t } = useTranslation('documents');
  if (!doc.mayAmend) return null;
  return (
    <>
      <Button
        component={Link}
        to={`/van-ban/soan-thao?thay-the=${doc.id}`}
        variant="default"
        leftSection={<IconReplace size={16} aria-hidden />}
      >
        {t('amend.replace')}
      </Button>
      <Button
        component={Link}
        to={`/van-ban/soan-thao?dinh-chinh=${doc.id}`}
        variant="default"
        leftSection={<IconTextCaption size={16} aria-hidden />}
      >
        {t('amend.correct')}
      </Button>
    </>
  );
}

/** /van-ban/soan-thao?thay-the=<id> or ?dinh-chinh=<id>: the issued document being amended. */
export function useAmendedOriginal(params: URLSearchParams) {
  const replaces = Number(params.get('thay-the')) || null;
  const corrects = Number(params.get('dinh-chinh')) || null;
  const id = replaces ?? corrects;
  const original = useQuery({
    queryKey: ['documents', id],
    queryFn: async () =>
      (await call(api.GET('/api/documents/{id}', { params: { path: { id: id! } } }))) as DocumentView,
    enabled: id !== null,
  });
  if (id === null) return null;
  const kind: AmendmentKind = replaces ? 'replacement' : 'correction';
  return { id, kind, original };
}

/** What the amending draft starts from: the original's recipients and signer; its kind, or a công văn. */
export function amendingDraft(kind: AmendmentKind, original: DocumentView) {
  return {
    kind: kind === 'replacement' ? original.kind : CORRECTION_KIND,
    subject:
      kind === 'replacement'
        ? original.subject
        : `Về việc đính chính ${original.kindName.replace(/ \(.*\)$/, '')} số ${original.number?.text ?? ''}`,
    urgency: original.urgency,
    secrecy: original.secrecy,
    signerUserId: original.signer.userId === null ? null : String(original.signer.userId),
    signerPosition: original.signer.position ?? '',
    signingNotation: original.signer.notation ?? '',
    authorityTitle: original.signer.authorityTitle ?? '',
    recipientUnits: original.recipients.flatMap((r) => (r.unitId ? [String(r.unitId)] : [])),
    externals: original.recipients.flatMap((r) => (r.organId ? [{ organId: r.organId, name: r.name }] : [])),
  };
}

/** The notice above the amending draft, and the reason the drafter must give. */
export function AmendingNotice({
  amending,
  reason,
  onReason,
  error,
}: {
  amending: NonNullable<ReturnType<typeof useAmendedOriginal>>;
  reason: string;
  onReason: (reason: string) => void;
  error?: string;
}) {
  const { t } = useTranslation('documents');
  const original = amending.original.data;
  return (
    <Stack gap="sm">
      <Alert
        color="blue"
        title={t(`amend.drafting.${amending.kind}`, { text: original?.number?.text ?? '' })}
      >
        <Stack gap="xs">
          {amending.original.error && <ProblemAlert error={amending.original.error} />}
          {original && <Text size="sm">{original.subject}</Text>}
          <Text size="sm">{t(`amend.rule.${amending.kind}`)}</Text>
        </Stack>
      </Alert>
      <Textarea
        label={t('amend.reasonLabel')}
        value={reason}
        onChange={(e) => onReason(e.currentTarget.value)}
        error={error}
        autosize
        minRows={2}
        maxLength={500}
        required
      />
    </Stack>
  );
}
