import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Attachment, Procedure } from '../hooks';
import { FileUpload } from './FileUpload';

/** One upload per document of the procedure, plus one for anything else. */
export function UploadsStep({
  draftId,
  documents,
  attachments,
  onUploaded,
}: {
  draftId: number;
  documents: Procedure['documents'];
  attachments: Attachment[];
  onUploaded: (attachment: Attachment) => void;
}) {
  const { t } = useTranslation('portal');
  const url = (code: string | null) =>
    `/api/drafts/${draftId}/attachments${code ? `?documentCode=${encodeURIComponent(code)}` : ''}`;
  const hrefOf = (attachment: Attachment) => `/api/drafts/${draftId}/attachments/${attachment.id}`;
  return (
    <Stack gap="lg">
      <Text>{t('submit.uploadsIntro')}</Text>
      {documents.map((document) => (
        <FileUpload
          key={document.code}
          label={document.name}
          required={document.required}
          url={url(document.code)}
          files={attachments.filter((attachment) => attachment.documentCode === document.code)}
          hrefOf={hrefOf}
          onUploaded={onUploaded}
        />
      ))}
      <FileUpload
        label={t('upload.other')}
        url={url(null)}
        files={attachments.filter((attachment) => attachment.documentCode === null)}
        hrefOf={hrefOf}
        onUploaded={onUploaded}
      />
    </Stack>
  );
}
