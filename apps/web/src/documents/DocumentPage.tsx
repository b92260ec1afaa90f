/**
 * One document as its reader sees it (/van-ban/:id): its number or số đến, its metadata, the
 * current PDF, its signatures, where it went and who handles it, its history (the evidence
 * stream document:<id>), and the actions this official may take now, as the server allows them.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowBackUp, IconFileTypePdf, IconPencilPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../api/client';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate, formatDateTime } from '../lib/format';
import { DocumentActions } from './DocumentActions';
import { DocumentFiles } from './DocumentFiles';
import { AmendButtons, AmendmentFields } from './Amendments';
import { DuplicateWarning } from './Duplicates';
import { Field } from './Field';
import { SecretAccess } from './SecretAccess';
import { carriedSignatures, REGISTER_PATHS } from './logic';
import type { DocumentHistory, DocumentView } from './types';

export function DocumentDetails({ id }: { id: number }) {
  const { t } = useTranslation('documents');
  const document = useQuery({
    queryKey: ['documents', 'one', id],
    queryFn: async () =>
      (await call(api.GET('/api/documents/{id}', { params: { path: { id } } }))) as DocumentView,
  });
  const history = useQuery({
    queryKey: ['documents', 'history', id],
    queryFn: async () =>
      (await call(api.GET('/api/documents/{id}/history', { params: { path: { id } } }))) as DocumentHistory,
  });
  if (document.isPending) return <Loading />;
  if (document.error) return <ProblemAlert error={document.error} />;
  const doc = document.data;
  const numberText =
    doc.direction === 'incoming'
      ? (doc.origin?.text ?? t('page.notNumbered'))
      : (doc.number?.text ?? t('page.notNumbered'));
  const hasPdf = doc.files.length > 0;
  const annexOf = (fileId: number) => doc.files.find((f) => f.id === fileId && f.position > 0)?.position ?? 0;
  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/van-ban/${REGISTER_PATHS[doc.direction]}`} size="sm">
        <IconArrowBackUp size={14} aria-hidden /> {t('page.back')}
      </Anchor>
      <PageTitle>{doc.subject}</PageTitle>
      <Group gap="xs">
        <Badge variant="light" radius="sm" tt="none" size="lg" data-testid="document-status">
          {t(`status.${doc.status}`)}
        </Badge>
        {doc.urgency !== 'normal' && (
          <Badge color="red" variant="light" radius="sm" tt="none" size="lg">
            {t(`urgency.${doc.urgency}`)}
          </Badge>
        )}
        {doc.secrecy !== 'none' && (
          <Badge color="dark" variant="light" radius="sm" tt="none" size="lg">
            {t(`secrecy.${doc.secrecy}`)}
          </Badge>
        )}
      </Group>
      {doc.duplicates.length > 0 && <DuplicateWarning duplicates={doc.duplicates} />}
      {doc.carriedOver ? (
        <Alert color="gray" data-testid="carried-over">
          {t('page.carriedOver', {
            system: doc.carriedOver.system,
            signatures: t(`page.carriedSigned.${carriedSignatures(doc.carriedOver)}`),
          })}
        </Alert>
      ) : (
        doc.direction === 'incoming' && !doc.electronic && <Alert color="gray">{t('page.paper')}</Alert>
      )}
      {doc.returnedReason && doc.status === 'drafting' && (
        <Alert color="orange">{t('page.returned', { reason: doc.returnedReason })}</Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md" component="section" aria-labelledby="document-metadata">
          <Title order={2} size="h4" id="document-metadata" mb="sm">
            {t('page.metadata')}
          </Title>
          <dl style={{ margin: 0 }}>
            <Field label={t('page.kind')}>{doc.kindName}</Field>
            <Field label={doc.direction === 'incoming' ? t('page.origin') : t('page.number')}>
              <span data-testid="document-number">{numberText}</span>
              {doc.direction === 'incoming' && doc.origin?.organName && ` — ${doc.origin.organName}`}
            </Field>
            {doc.direction === 'incoming' && (
              <Field label={t('page.arrival')}>
                <span data-testid="document-arrival">
                  {doc.arrival
                    ? t('page.arrivalValue', {
                        number: doc.arrival.number,
                        date: formatDate(doc.arrival.date),
                      })
                    : '—'}
                </span>
              </Field>
            )}
            <Field label={t('page.agency')}>{doc.agency?.name ?? '—'}</Field>
            {doc.draftingUnit && <Field label={t('page.draftingUnit')}>{doc.draftingUnit.name}</Field>}
            {doc.signer.name && (
              <Field label={t('page.signer')}>
                {[
                  doc.signer.notation && `${doc.signer.notation} ${doc.signer.authorityTitle ?? ''}`,
                  doc.signer.position,
                  doc.signer.name,
                ]
                  .filter(Boolean)
                  .join(' — ')}
              </Field>
            )}
            <Field label={t('page.due')}>{formatDate(doc.dueDate)}</Field>
            {doc.answersDocumentId && (
              <Field label={t('page.answers', { id: doc.answersDocumentId })}>
                <Anchor component={Link} to={`/van-ban/${doc.answersDocumentId}`}>
                  #{doc.answersDocumentId}
                </Anchor>
              </Field>
            )}
            <AmendmentFields document={doc} />
            {doc.replyDocumentId && (
              <Field label={t('page.reply', { id: doc.replyDocumentId })}>
                <Anchor component={Link} to={`/van-ban/${doc.replyDocumentId}`}>
                  #{doc.replyDocumentId}
                </Anchor>
              </Field>
            )}
          </dl>
          <Group mt="md" gap="sm">
            {hasPdf && (
              <Button
                component="a"
                href={`/api/documents/${doc.id}/file.pdf`}
                target="_blank"
                rel="noopener"
                variant="default"
                leftSection={<IconFileTypePdf size={16} aria-hidden />}
              >
                {t('page.openFile')}
              </Button>
            )}
            {doc.direction === 'incoming' && ['in_progress', 'awaiting_direction'].includes(doc.status) && (
              <Button
                component={Link}
                to={`/van-ban/soan-thao?tra-loi=${doc.id}`}
                variant="default"
                leftSection={<IconPencilPlus size={16} aria-hidden />}
              >
                {t('page.reply_action')}
              </Button>
            )}
            <AmendButtons document={doc} />
          </Group>
        </Paper>
        <DocumentActions document={doc} />
      </SimpleGrid>
      <DocumentFiles document={doc} />
      <SecretAccess document={doc} />
      <Paper withBorder p="md" component="section" aria-labelledby="document-signatures">
        <Title order={2} size="h4" id="document-signatures" mb="sm">
          {t('page.signatures')}
        </Title>
        {doc.signatures.length === 0 ? (
          <Text size="sm">{t('page.noSignatures')}</Text>
        ) : (
          <List size="sm" data-testid="document-signatures">
            {doc.signatures.map((s, i) => (
              <List.Item key={i}>
                {t('page.signatureLine', {
                  kind: annexOf(s.fileId)
                    ? t('page.signatureOnAnnex', { position: annexOf(s.fileId) })
                    : t(`page.signatureKind.${s.kind}`),
                  subject: s.certificateSubject,
                  at: formatDateTime(s.signedAt),
                })}
              </List.Item>
            ))}
          </List>
        )}
      </Paper>
      {doc.deliveries.length > 0 && (
        <Paper withBorder p="md" component="section" aria-labelledby="document-recipients">
          <Title order={2} size="h4" id="document-recipients" mb="sm">
            {t('page.recipients')}
          </Title>
          <List size="sm">
            {doc.deliveries.map((d) => (
              <List.Item key={d.position}>
                {d.name}: {t(`page.deliveryState.${d.state}`)} {d.at ? `(${formatDateTime(d.at)})` : ''}
              </List.Item>
            ))}
          </List>
        </Paper>
      )}
      {doc.parties.length > 0 && (
        <Paper withBorder p="md" component="section" aria-labelledby="document-parties">
          <Title order={2} size="h4" id="document-parties" mb="sm">
            {t('page.parties')}
          </Title>
          <List size="sm">
            {doc.parties.map((p, i) => (
              <List.Item key={i}>
                {t(`page.partyRole.${p.role}`)}: {p.unitName ?? `#${p.unitId}`}
                {p.userName ? ` — ${p.userName}` : ''}
                {p.dueDate ? ` (${t('page.due')}: ${formatDate(p.dueDate)})` : ''}
              </List.Item>
            ))}
          </List>
        </Paper>
      )}
      <HistoryTable history={history.data} error={history.error} />
    </Stack>
  );
}

function HistoryTable({ history, error }: { history?: DocumentHistory; error: Error | null }) {
  const { t } = useTranslation('documents');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="document-history">
      <Title order={2} size="h4" id="document-history" mb="sm">
        {t('page.history')}
      </Title>
      {error && <ProblemAlert error={error} />}
      {history && (
        <div role="region" aria-labelledby="document-history" tabIndex={0} style={{ overflowX: 'auto' }}>
          <Table withTableBorder striped miw={600}>
            <Table.Tbody>
              {history.entries.map((entry) => (
                <Table.Tr key={entry.seq}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at)}</Table.Td>
                  <Table.Td>{t(`events.${entry.type as 'drafted'}`, entry.type)}</Table.Td>
                  <Table.Td>{entry.actor?.fullName ?? '—'}</Table.Td>
                  <Table.Td>{entry.reason ?? entry.event.opinion ?? entry.event.note ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Paper>
  );
}
