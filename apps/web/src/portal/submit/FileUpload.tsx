import { Anchor, Group, Input, Progress, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconFile } from '@tabler/icons-react';
import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { upload } from '../../api/upload';
import { formatBytes } from '../../lib/format';
import type { Attachment } from '../hooks';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx,application/pdf,image/jpeg,image/png';

interface Props {
  /** Visible label of the file input (the document's name). */
  label: string;
  description?: string;
  required?: boolean;
  /** Where to POST (the document code is already in its query). */
  url: string;
  /** Files already attached for this document. */
  files: Attachment[];
  /** Link to download an attached file. */
  hrefOf: (attachment: Attachment) => string;
  onUploaded: (attachment: Attachment) => void;
}

/** One document's upload: a native file input with a visible label, progress, and the result. */
export function FileUpload({ label, description, required, url, files, hrefOf, onUploaded }: Props) {
  const { t, i18n } = useTranslation('portal');
  const id = useId();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function onChange(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      const attachment = await upload<Attachment>({ url, file, onProgress: setProgress });
      onUploaded(attachment);
    } catch (caught) {
      const problem = caught instanceof ApiError ? caught.problem : null;
      const english = i18n.language === 'en';
      setError(
        problem ? ((english ? problem.detail_en : problem.detail_vi) ?? problem.detail) : t('upload.failed'),
      );
    } finally {
      setProgress(null);
      input.value = '';
    }
  }

  const statusId = `${id}-status`;
  return (
    <Input.Wrapper
      label={label}
      description={description}
      required={required}
      error={error}
      id={id}
      errorProps={{ role: 'alert' }}
    >
      <Stack gap={6} mt={6}>
        <input
          id={id}
          type="file"
          accept={ACCEPT}
          onChange={(event) => void onChange(event)}
          disabled={progress !== null}
          aria-describedby={statusId}
          aria-invalid={!!error}
          style={{ maxWidth: '100%' }}
        />
        <div id={statusId} aria-live="polite">
          {progress !== null ? (
            <Stack gap={2}>
              <Text size="sm">{t('upload.uploading', { percent: Math.round(progress * 100) })}</Text>
              <Progress value={progress * 100} aria-hidden size="sm" />
            </Stack>
          ) : files.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('upload.none')}
            </Text>
          ) : (
            <Stack gap={2}>
              {files.map((file) => (
                <Group key={file.id} gap={6} wrap="nowrap">
                  <IconCircleCheck size={16} color="var(--mantine-color-teal-7)" aria-hidden />
                  <Text size="sm" span>
                    {t('upload.uploaded')}:
                  </Text>
                  <IconFile size={14} aria-hidden />
                  <Anchor
                    href={hrefOf(file)}
                    size="sm"
                    aria-label={t('upload.view', { name: file.fileName })}
                    truncate
                  >
                    {file.fileName}
                  </Anchor>
                  <Text size="xs" c="dimmed" span>
                    ({formatBytes(file.sizeBytes)})
                  </Text>
                </Group>
              ))}
            </Stack>
          )}
        </div>
      </Stack>
    </Input.Wrapper>
  );
}
