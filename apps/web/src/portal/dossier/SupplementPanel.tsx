import { Alert, Anchor, Button, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, idempotencyKey } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { dossierKey, type Dossier, type Procedure } from '../hooks';
import { FileUpload } from '../submit/FileUpload';

const REQUESTS = ['intake_supplement_requested', 'supplement_requested'];

/** Answering a supplement request: upload the missing documents, then send `supplement`. */
export function SupplementPanel({
  dossier,
  procedure,
}: {
  dossier: Dossier;
  procedure: Procedure | undefined;
}) {
  const { t } = useTranslation('portal');
  const queryClient = useQueryClient();
  const request = [...dossier.history].reverse().find((item) => REQUESTS.includes(item.type));
  const [documentCode, setDocumentCode] = useState('');
  const [note, setNote] = useState('');
  const [warned, setWarned] = useState(false);
  // Files added since the request (the history keeps every file; none is replaced).
  const since = request ? new Date(request.at).getTime() : 0;
  const added = dossier.attachments.filter(
    (attachment) => new Date(attachment.uploadedAt).getTime() >= since,
  );
  const key = useRef(idempotencyKey());
  const send = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/dossiers/{code}/actions', {
          params: { path: { code: dossier.code } },
          headers: { 'idempotency-key': key.current },
          body: { type: 'supplement', ...(note.trim() ? { reason: note.trim() } : {}) },
        }),
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData(dossierKey(dossier.code), updated);
      void queryClient.invalidateQueries({ queryKey: ['dossiers', 'mine'] });
      notifications.show({ message: t('dossier.supplementSent'), color: 'teal' });
    },
  });
  const url = `/api/dossiers/${dossier.code}/attachments${documentCode ? `?documentCode=${documentCode}` : ''}`;

  return (
    <Stack gap="sm" component="section" aria-labelledby="bo-sung">
      <Title order={2} size="h3" id="bo-sung">
        {t('dossier.supplement')}
      </Title>
      <Alert color="orange" variant="light">
        <Text>{t('dossier.supplementIntro')}</Text>
        {request?.reason && (
          <Text mt="xs">
            <strong>{t('dossier.requested')}:</strong> {request.reason}
          </Text>
        )}
        <Anchor
          href={`/api/dossiers/${dossier.code}/slips/supplement.pdf`}
          target="_blank"
          rel="noopener"
          size="sm"
        >
          {t('dossier.supplementSlip')}
        </Anchor>
      </Alert>
      <NativeSelect
        label={t('dossier.supplementDocument')}
        data={[
          { value: '', label: t('upload.other') },
          ...(procedure?.documents ?? []).map((document) => ({ value: document.code, label: document.name })),
        ]}
        value={documentCode}
        onChange={(event) => setDocumentCode(event.currentTarget.value)}
      />
      <FileUpload
        label={t('dossier.supplementFile')}
        url={url}
        files={added}
        hrefOf={(attachment) => `/api/dossiers/${dossier.code}/attachments/${attachment.id}`}
        onUploaded={(attachment) => {
          queryClient.setQueryData<Dossier>(dossierKey(dossier.code), (before) =>
            before ? { ...before, attachments: [...before.attachments, attachment] } : before,
          );
          void queryClient.invalidateQueries({ queryKey: dossierKey(dossier.code) });
        }}
      />
      <Textarea
        label={t('dossier.supplementNote')}
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
        maxLength={2000}
        autosize
        minRows={2}
      />
      {warned && added.length === 0 && (
        <Alert color="yellow" variant="light" role="alert">
          {t('dossier.supplementNoFile')}
        </Alert>
      )}
      <ProblemAlert error={send.error} />
      <Button
        onClick={() => {
          // Sending without a new file is allowed (the papers may go by post), after one warning.
          if (added.length === 0 && !warned) return setWarned(true);
          send.mutate();
        }}
        loading={send.isPending}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('dossier.sendSupplement')}
      </Button>
    </Stack>
  );
}
