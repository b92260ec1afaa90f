/**
 * One dossier as an officer sees it: applicant and form (labels from the procedure's form), files
 * (opened in the browser), the actions allowed now, the full history, and the process control
 * slip (Mẫu 05) with each step's verdict.
 */
import { DossierChecklist } from './DossierChecklist';
import { Anchor, Badge, Group, List, SimpleGrid, Stack, Table, Text, Timeline } from '@mantine/core';
import { IconExternalLink, IconFileText } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { foldActions } from '@tayninh/domain/dossiers/lifecycle';
import { api, call } from '../api/client';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { StatusBadge } from '../components/StatusBadge';
import { formatBytes, formatDateTime } from '../lib/format';
import { ActionPanel } from './actions/ActionPanel';
import { NoteAudience } from './actions/NoteAudience';
import { slipUrl, useDossierForOfficer } from './dossier-queries';
import { Facts, party, Section, SlipLink, UploadForm } from './DossierParts';
import { FormDataView } from './SchemaForm';

export default function DossierPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation(['office', 'common', 'portal']);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { dossier, allowed, events, recorded, offered } = useDossierForOfficer(code);
  const path = { params: { path: { code } } };
  const control = useQuery({
    queryKey: ['dossier', code, 'control'],
    queryFn: () => call(api.GET('/api/dossiers/{code}/process-control', path)),
  });
  const procedureCode = dossier.data?.procedureCode;
  const versions = useQuery({
    queryKey: ['procedure', procedureCode, 'versions'],
    queryFn: () =>
      call(api.GET('/api/procedures/{code}/versions', { params: { path: { code: procedureCode! } } })),
    enabled: !!procedureCode,
    staleTime: 10 * 60_000,
  });

  if (dossier.isPending) return <Loading />;
  if (dossier.error)
    return (
      <Stack>
        <PageTitle>{t('dossier.title', { code })}</PageTitle>
        <ProblemAlert error={dossier.error} />
      </Stack>
    );
  const data = dossier.data;
  const version =
    versions.data?.find((item) => item.versionId === data.procedureVersionId) ?? versions.data?.[0] ?? null;
  let openTasks: ReturnType<typeof foldActions>['openTasks'] = [];
  try {
    openTasks = foldActions(recorded).openTasks;
  } catch {
    openTasks = [];
  }
  const channelInfo = version?.channels.find((channel) => channel.channel === data.channel);
  const happened = (type: string) => data.history.some((item) => item.type === type);
  const slip = (file: string) => slipUrl(code, file);
  const documentName = (documentCode: string | null) =>
    version?.documents.find((doc) => doc.code === documentCode)?.name ?? documentCode;

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['dossier', code] });
    await queryClient.invalidateQueries({ queryKey: ['queues'] });
  };

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <PageTitle>{t('dossier.title', { code })}</PageTitle>
        <Group gap="sm">
          <StatusBadge status={data.status} />
          <Text size="sm">{version?.name ?? data.procedureCode}</Text>
        </Group>
      </Stack>

      <Section title={t('dossier.actions')}>
        {allowed.error || events.error ? (
          <ProblemAlert error={allowed.error ?? events.error} />
        ) : allowed.isPending || events.isPending ? (
          <Loading />
        ) : (
          <ActionPanel
            actions={offered}
            context={{
              code,
              handlingUnitId: data.handlingUnit.id,
              channel: data.channel,
              resultDelivery: data.resultDelivery?.method ?? null,
              openTasks,
              needsDueAt: !!channelInfo && channelInfo.duration === null,
            }}
            onDone={(type) => {
              if (type === 'complete-task') {
                void queryClient.invalidateQueries({ queryKey: ['queues'] });
                void navigate('/mot-cua/hang-doi/tasks');
              } else void refresh();
            }}
          />
        )}
      </Section>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Section title={t('dossier.general')}>
          <Facts
            rows={[
              [t('dossier.procedure'), `${data.procedureCode} — ${version?.name ?? ''}`],
              [t('dossier.status'), t(`common:dossierStatus.${data.status as 'draft'}`, data.statusName)],
              [t('dossier.channel'), t(`common:channel.${data.channel as 'online'}`, data.channel)],
              [t('dossier.receivingUnit'), data.receivingUnit.name],
              [t('dossier.handlingUnit'), data.handlingUnit.name],
              [t('dossier.submittedAt'), formatDateTime(data.submittedAt)],
              [t('dossier.receivedAt'), formatDateTime(data.receivedAt)],
              [t('dossier.dueAt'), formatDateTime(data.dueAt)],
              ...(data.originalDueAt && data.originalDueAt !== data.dueAt
                ? [[t('dossier.originalDueAt'), formatDateTime(data.originalDueAt)] as [string, string]]
                : []),
              ...(data.completedAt
                ? [[t('dossier.completedAt'), formatDateTime(data.completedAt)] as [string, string]]
                : []),
            ]}
          />
          {openTasks.length > 0 && (
            <Stack gap={4}>
              <Text fw={700} size="sm">
                {t('dossier.openTasks')}
              </Text>
              <List size="sm">
                {openTasks.map((task) => (
                  <List.Item key={task.taskId}>
                    {t('dossier.task', { task: task.task, at: formatDateTime(task.dueAt) })}
                  </List.Item>
                ))}
              </List>
            </Stack>
          )}
        </Section>
        <Section title={t('dossier.applicant')}>
          <Facts
            rows={[
              [t('applicant.fullName'), data.applicant.fullName],
              [t('applicant.identityNumber'), data.applicant.identityNumber ?? '—'],
              [t('applicant.phone'), data.applicant.phone ?? '—'],
              [t('applicant.email'), data.applicant.email ?? '—'],
              [t('applicant.address'), data.applicant.address ?? '—'],
            ]}
          />
        </Section>
      </SimpleGrid>

      <Section title={t('dossier.form')}>
        <FormDataView schema={version?.formSchema ?? {}} data={data.formData} />
      </Section>

      <Section title={t('checklist.title')}>
        <DossierChecklist dossier={data} />
      </Section>

      <Section title={t('dossier.attachments')}>
        {data.attachments.length === 0 ? (
          <Text c="dimmed">{t('dossier.noAttachments')}</Text>
        ) : (
          <List spacing="xs" listStyleType="none" pl={0}>
            {data.attachments.map((file) => (
              <List.Item key={file.id} icon={<IconFileText size={18} aria-hidden />}>
                <Anchor
                  href={`/api/dossiers/${encodeURIComponent(code)}/attachments/${file.id}`}
                  target="_blank"
                  rel="noopener"
                  aria-label={t('dossier.attachmentLink', { name: file.fileName })}
                >
                  {file.fileName} <IconExternalLink size={14} aria-hidden />
                </Anchor>
                {file.purpose !== 'document' && (
                  <>
                    {' '}
                    <Badge
                      component="span"
                      variant="light"
                      tt="none"
                      color={file.purpose === 'result' ? 'teal' : 'blue'}
                    >
                      {file.purpose === 'result'
                        ? t('dossier.purposeResult')
                        : t('dossier.purposeSupplement')}
                    </Badge>
                  </>
                )}
                <Text size="xs" c="dimmed">
                  {file.documentCode
                    ? `${t('dossier.document', { name: documentName(file.documentCode) })} · `
                    : ''}
                  {t('dossier.attachmentMeta', {
                    type: file.mediaType.split('/')[1]?.toUpperCase() ?? file.mediaType,
                    size: formatBytes(file.sizeBytes),
                    at: formatDateTime(file.uploadedAt),
                  })}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
        {!['refused', 'returned', 'withdrawn', 'stopped'].includes(data.status) && (
          <UploadForm code={code} documents={version?.documents ?? []} onDone={refresh} />
        )}
      </Section>

      <Section title={t('dossier.slips')}>
        <Group gap="md">
          {happened('accepted') && <SlipLink href={slip('receipt')}>{t('dossier.receipt')}</SlipLink>}
          {(happened('intake_supplement_requested') || happened('supplement_requested')) && (
            <SlipLink href={slip('supplement')}>{t('dossier.supplementSlip')}</SlipLink>
          )}
          {happened('intake_refused') && (
            <SlipLink href={slip('refusal')}>{t('dossier.refusalSlip')}</SlipLink>
          )}
          {happened('apologised') && <SlipLink href={slip('apology')}>{t('dossier.apologySlip')}</SlipLink>}
          <SlipLink href={slip('control')}>{t('dossier.controlPdf')}</SlipLink>
        </Group>
      </Section>

      <Section title={t('dossier.history')}>
        <Timeline active={data.history.length - 1} bulletSize={18} lineWidth={2}>
          {data.history.map((item) => (
            <Timeline.Item
              key={item.seq}
              title={t(`portal:events.${item.type as 'submitted'}`, { defaultValue: item.label })}
            >
              <Text size="sm">
                <time dateTime={item.at}>{formatDateTime(item.at)}</time>
                {' · '}
                {item.actor
                  ? item.actorUnit
                    ? t('dossier.by', { actor: item.actor, unit: item.actorUnit })
                    : item.actor
                  : t('dossier.byCitizen')}
              </Text>
              {item.reason && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {t('dossier.reason', { reason: item.reason })}{' '}
                  <NoteAudience shared={item.noteForApplicant} />
                </Text>
              )}
              {(item.newDueAt ?? item.dueAt) && (
                <Text size="sm">{t('dossier.due', { at: formatDateTime(item.newDueAt ?? item.dueAt) })}</Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      </Section>

      <Section title={t('dossier.control')}>
        {control.error ? (
          <ProblemAlert error={control.error} />
        ) : !control.data ? (
          <Loading />
        ) : (
          <div
            role="region"
            aria-label={t('dossier.control')}
            tabIndex={0}
            style={{ overflowX: 'auto', position: 'relative' }}
          >
            <Table striped withTableBorder miw={820} verticalSpacing="xs">
              <Table.Caption>{t('dossier.controlCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('dossier.columns.at')}</Table.Th>
                  <Table.Th scope="col">{t('dossier.columns.giver')}</Table.Th>
                  <Table.Th scope="col">{t('dossier.columns.receiver')}</Table.Th>
                  <Table.Th scope="col">{t('dossier.columns.step')}</Table.Th>
                  <Table.Th scope="col">{t('dossier.columns.deadline')}</Table.Th>
                  <Table.Th scope="col">{t('dossier.columns.verdict')}</Table.Th>
                  <Table.Th scope="col">{t('dossier.columns.note')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {control.data.rows.map((row) => (
                  <Table.Tr key={row.seq}>
                    <Table.Td>{formatDateTime(row.at)}</Table.Td>
                    <Table.Td>{party(row.giver)}</Table.Td>
                    <Table.Td>{party(row.receiver)}</Table.Td>
                    <Table.Td>{row.step?.name ?? '—'}</Table.Td>
                    <Table.Td>{formatDateTime(row.deadline)}</Table.Td>
                    <Table.Td>
                      {row.verdictName ? (
                        <Badge
                          variant="light"
                          tt="none"
                          style={{ height: 'auto' }}
                          styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }}
                          color={row.verdict === 'late' ? 'red.9' : row.verdict === 'early' ? 'teal' : 'blue'}
                        >
                          {row.verdict ? t(`dossier.verdicts.${row.verdict}`) : row.verdictName}
                        </Badge>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>{row.note ?? ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </Section>
    </Stack>
  );
}
