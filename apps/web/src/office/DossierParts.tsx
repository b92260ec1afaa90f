/**
 * The pieces of the officer's dossier page (DossierPage): a titled section, a list of facts, a
 * link to a printable slip, the upload form for a file, and how the control slip names a party.
 */
import { Anchor, Button, FileInput, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPrinter } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { upload } from '../api/upload';
import { ProblemAlert } from '../components/ProblemAlert';

export function party(value: { unit: string; person: string | null }) {
  return value.person ? `${value.person} (${value.unit})` : value.unit;
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

export function Facts({ rows }: { rows: Array<[string, string]> }) {
  return (
    <dl
      style={{ margin: 0, display: 'grid', gridTemplateColumns: 'minmax(7rem, 12rem) 1fr', gap: '4px 12px' }}
    >
      {rows.map(([label, value]) => (
        <div key={label} style={{ display: 'contents' }}>
          <Text component="dt" size="sm" c="dimmed">
            {label}
          </Text>
          <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
            {value}
          </Text>
        </div>
      ))}
    </dl>
  );
}

export function SlipLink({ href, children }: { href: string; children: string }) {
  return (
    <Anchor href={href} target="_blank" rel="noopener">
      <Group gap={4} component="span" wrap="nowrap">
        <IconPrinter size={16} aria-hidden />
        {children}
      </Group>
    </Anchor>
  );
}

export function UploadForm({
  code,
  documents,
  onDone,
}: {
  code: string;
  documents: Array<{ code: string; name: string }>;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation('office');
  const [file, setFile] = useState<File | null>(null);
  const [documentCode, setDocumentCode] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (chosen: File) =>
      upload({
        url: `/api/dossiers/${encodeURIComponent(code)}/attachments${documentCode ? `?documentCode=${encodeURIComponent(documentCode)}` : ''}`,
        file: chosen,
      }),
    onSuccess: async (_data, chosen) => {
      notifications.show({ color: 'green', message: t('dossier.uploaded', { name: chosen.name }) });
      setFile(null);
      await onDone();
    },
  });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (file) mutation.mutate(file);
      }}
      aria-label={t('dossier.upload')}
    >
      <Stack gap="xs">
        <Text fw={700} size="sm">
          {t('dossier.upload')}
        </Text>
        <Group align="flex-end" gap="sm">
          <FileInput
            label={t('dossier.uploadFile')}
            accept="application/pdf,image/jpeg,image/png,.docx,.xlsx"
            value={file}
            onChange={setFile}
            clearable
            miw={220}
          />
          <Select
            label={t('dossier.uploadDocument')}
            placeholder={t('dossier.uploadNone')}
            data={documents.map((doc) => ({ value: doc.code, label: doc.name }))}
            value={documentCode}
            onChange={setDocumentCode}
            clearable
            miw={220}
          />
          <Button type="submit" variant="default" disabled={!file} loading={mutation.isPending}>
            {t('dossier.uploadSubmit')}
          </Button>
        </Group>
        {mutation.error && <ProblemAlert error={mutation.error} />}
      </Stack>
    </form>
  );
}
