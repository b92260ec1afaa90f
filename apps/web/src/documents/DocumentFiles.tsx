/**
 * The files of a document as they stand (the main PDF, then the attachments), each opened in
 * the browser; while the draft is with its drafter, they upload their own content file (PDF or
 * DOCX, laid out as Phụ lục I: the blank after “Số:”, the date line, the signer's name) and
 * attachments, or remove one. Every change is a new draft version; the server says what is wrong
 * with a file in words.
 */
import { Anchor, Button, FileButton, Group, List, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { notifySuccess } from '../components/notify';
import { IconPaperclip, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { upload } from '../api/upload';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatBytes } from '../lib/format';
import { currentFiles } from './logic';
import type { DocumentView } from './types';

const ACCEPT =
  'application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,.docx,.pdf';

export function DocumentFiles({ document: doc }: { document: DocumentView }) {
  const { t } = useTranslation(['documents', 'common']);
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  // The drafter may change the files exactly while they may revise: the draft is with them.
  const editable = doc.status === 'drafting' && doc.allowedActions.includes('submit');
  const done = async (message: string) => {
    notifySuccess(message);
    await queryClient.invalidateQueries({ queryKey: ['documents'] });
  };
  const send = useMutation({
    mutationFn: ({ purpose, file }: { purpose: 'content' | 'attachment' | 'scan'; file: File }) =>
      upload<DocumentView>({
        url: `/api/documents/${doc.id}/files?purpose=${purpose}`,
        file,
        onProgress: setProgress,
      }),
    onSettled: () => setProgress(null),
    onSuccess: (_data, { file }) => done(t('files.uploaded', { name: file.name })),
  });
  const remove = useMutation({
    mutationFn: (position: number) =>
      call(
        api.DELETE('/api/documents/{id}/attachments/{position}', {
          params: { path: { id: doc.id, position } },
        }),
      ),
    onSuccess: () => done(t('files.removed')),
  });
  const files = currentFiles(doc.files, doc.version);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="document-files">
      <Title order={2} size="h4" id="document-files" mb="sm">
        {t('files.title')}
      </Title>
      <Stack gap="sm">
        <List size="sm" data-testid="document-files">
          {files.map((file) => (
            <List.Item key={file.id}>
              <Group gap="xs" wrap="wrap">
                <Anchor href={`/api/documents/${doc.id}/files/${file.id}`} target="_blank" rel="noopener">
                  {file.position === 0 ? t('files.main') : t('files.attachment', { position: file.position })}
                  : {file.fileName}
                </Anchor>
                <Text size="xs" c="dimmed" component="span">
                  {formatBytes(file.sizeBytes)}
                </Text>
                {editable && file.position > 0 && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    onClick={() => remove.mutate(file.position)}
                    loading={remove.isPending && remove.variables === file.position}
                  >
                    {t('files.remove', { position: file.position })}
                  </Button>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
        {editable && (
          <>
            <Text size="sm" c="dimmed">
              {t('files.hint')}
            </Text>
            <Group gap="sm">
              <FileButton
                accept={ACCEPT}
                onChange={(file) => file && send.mutate({ purpose: 'content', file })}
              >
                {(props) => (
                  <Button
                    {...props}
                    variant="default"
                    leftSection={<IconUpload size={16} aria-hidden />}
                    loading={send.isPending && send.variables.purpose === 'content'}
                  >
                    {t('files.uploadContent')}
                  </Button>
                )}
              </FileButton>
              <FileButton
                accept={ACCEPT}
                onChange={(file) => file && send.mutate({ purpose: 'attachment', file })}
              >
                {(props) => (
                  <Button
                    {...props}
                    variant="default"
                    leftSection={<IconPaperclip size={16} aria-hidden />}
                    loading={send.isPending && send.variables.purpose === 'attachment'}
                  >
                    {t('files.uploadAttachment')}
                  </Button>
                )}
              </FileButton>
            </Group>
          </>
        )}
        {doc.mayAttachScan && (
          <>
            <Text size="sm" c="dimmed">
              {t('files.scanHint')}
            </Text>
            <Group gap="sm">
              <FileButton
                accept="application/pdf,.pdf"
                onChange={(file) => file && send.mutate({ purpose: 'scan', file })}
              >
                {(props) => (
                  <Button
                    {...props}
                    variant="default"
                    leftSection={<IconUpload size={16} aria-hidden />}
                    loading={send.isPending && send.variables.purpose === 'scan'}
                  >
                    {files.length > 0 ? t('files.replaceScan') : t('files.uploadScan')}
                  </Button>
                )}
              </FileButton>
            </Group>
          </>
        )}
        {progress !== null && <Progress value={progress * 100} aria-label={t('files.progress')} />}
        {send.error && <ProblemAlert error={send.error} />}
        {remove.error && <ProblemAlert error={remove.error} />}
      </Stack>
    </Paper>
  );
}
