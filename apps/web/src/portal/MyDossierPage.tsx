/**
 * A dossier for its applicant: status and dates, the receipt, supplementing when asked, the files
 * submitted, the electronic result, the history, and the one-time rating after return.
 */
import { Alert, Anchor, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../api/client';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { RequireAuth } from '../components/RequireAuth';
import { StatusBadge } from '../components/StatusBadge';
import { formatBytes, formatDate, formatDateTime } from '../lib/format';
import { Evidence } from './dossier/Evidence';
import { History } from './dossier/History';
import { RatingForm } from './dossier/RatingForm';
import { SupplementPanel } from './dossier/SupplementPanel';
import { useDossier, useProcedure, type Dossier } from './hooks';

export default function MyDossierPage() {
  return (
    <RequireAuth>
      <MyDossier />
    </RequireAuth>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

/** Result files: those the agency recorded as the electronic result when attaching them. */
function resultFiles(dossier: Dossier) {
  return dossier.attachments.filter((attachment) => attachment.purpose === 'result');
}

function MyDossier() {
  const { code } = useParams();
  const { t } = useTranslation('portal');
  const query = useDossier(code);
  const procedure = useProcedure(query.data?.procedureCode);
  if (query.isPending) return <Loading />;
  if (query.error)
    return query.error instanceof ApiError && query.error.status === 404 ? (
      <Alert color="orange" role="alert">
        {t('dossier.notFound', { code })}
      </Alert>
    ) : (
      <ProblemAlert error={query.error} />
    );
  const dossier = query.data;
  const results = resultFiles(dossier);
  const submittedFiles = dossier.attachments.filter((attachment) => !results.includes(attachment));
  const fileHref = (id: number) => `/api/dossiers/${dossier.code}/attachments/${id}`;
  const documentName = (documentCode: string | null) =>
    documentCode ? procedure.data?.documents.find((d) => d.code === documentCode)?.name : undefined;

  return (
    <Stack gap="xl">
      <div>
        <PageTitle>{t('dossier.title', { code: dossier.code })}</PageTitle>
        <Text>{procedure.data?.name ?? dossier.procedureCode}</Text>
      </div>

      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="thong-tin">
        <Title order={2} size="h3" id="thong-tin" mb="sm">
          {t('dossier.summary')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="dl" m={0}>
          <Item label={t('dossier.status')}>
            <StatusBadge status={dossier.status} />
          </Item>
          <Item label={t('dossier.receivingUnit')}>{dossier.receivingUnit.name}</Item>
          <Item label={t('dossier.handlingUnit')}>{dossier.handlingUnit.name}</Item>
          <Item label={t('dossier.submittedAt')}>{formatDateTime(dossier.submittedAt)}</Item>
          <Item label={t('dossier.receivedAt')}>{formatDateTime(dossier.receivedAt)}</Item>
          <Item label={t('dossier.dueAt')}>{formatDate(dossier.dueAt)}</Item>
          {dossier.completedAt && (
            <Item label={t('dossier.completedAt')}>{formatDate(dossier.completedAt)}</Item>
          )}
        </SimpleGrid>
        {dossier.receivedAt && (
          <Anchor
            href={`/api/dossiers/${dossier.code}/slips/receipt.pdf`}
            target="_blank"
            rel="noopener"
            mt="md"
            display="inline-block"
          >
            <IconDownload size={16} aria-hidden /> {t('dossier.receipt')}
          </Anchor>
        )}
      </Paper>

      {dossier.allowedActions.includes('supplement') && (
        <SupplementPanel dossier={dossier} procedure={procedure.data} />
      )}

      {['result_ready', 'returned'].includes(dossier.status) && (
        <Stack gap="xs" component="section" aria-labelledby="ket-qua">
          <Title order={2} size="h3" id="ket-qua">
            {t('dossier.result')}
          </Title>
          {dossier.status === 'result_ready' ? (
            <Text>{t('dossier.resultPending')}</Text>
          ) : results.length === 0 ? (
            <Text>{t('dossier.noResultFile')}</Text>
          ) : (
            <List spacing={4}>
              {results.map((file) => (
                <List.Item key={file.id} icon={<IconDownload size={16} aria-hidden />}>
                  <Anchor href={fileHref(file.id)}>
                    {t('dossier.resultDownload', { name: file.fileName })}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
      )}

      <RatingForm dossier={dossier} />

      <Stack gap="xs" component="section" aria-labelledby="giay-to">
        <Title order={2} size="h3" id="giay-to">
          {t('dossier.attachments')}
        </Title>
        {submittedFiles.length === 0 ? (
          <Text c="dimmed">{t('dossier.noAttachments')}</Text>
        ) : (
          <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {submittedFiles.map((file) => (
              <li key={file.id}>
                <Group gap={6} wrap="nowrap" align="flex-start">
                  <IconDownload size={16} aria-hidden style={{ flexShrink: 0, marginTop: 3 }} />
                  <div>
                    <Anchor
                      href={fileHref(file.id)}
                      aria-label={t('dossier.download', { name: file.fileName })}
                    >
                      {file.fileName}
                    </Anchor>{' '}
                    <Text span size="xs" c="dimmed">
                      ({formatBytes(file.sizeBytes)}, {formatDateTime(file.uploadedAt)})
                    </Text>
                    {documentName(file.documentCode) && (
                      <Text size="xs" c="dimmed">
                        {documentName(file.documentCode)}
                      </Text>
                    )}
                  </div>
                </Group>
              </li>
            ))}
          </Stack>
        )}
      </Stack>

      <History items={dossier.history} />

      <Evidence code={dossier.code} />
    </Stack>
  );
}
