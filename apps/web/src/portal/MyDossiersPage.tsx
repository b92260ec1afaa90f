/** "Hồ sơ của tôi": drafts to resume or discard, and submitted dossiers with their status. */
import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Paging } from '../components/Paging';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../api/client';
import { useAuth } from '../auth/auth';
import { FailedSignInNotice } from '../auth/FailedSignInNotice';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { RequireAuth } from '../components/RequireAuth';
import { StatusBadge } from '../components/StatusBadge';
import { formatDate, formatDateTime } from '../lib/format';
import { useDrafts } from './hooks';

const PAGE_SIZE = 10;

export default function MyDossiersPage() {
  const { t } = useTranslation('portal');
  return (
    <RequireAuth>
      <Stack gap="xl">
        <PageTitle>{t('mine.title')}</PageTitle>
        <FailedSignInNotice />
        <Drafts />
        <Submitted />
      </Stack>
    </RequireAuth>
  );
}

function Drafts() {
  const { t } = useTranslation('portal');
  const { isOfficer } = useAuth();
  const queryClient = useQueryClient();
  const drafts = useDrafts(!isOfficer);
  const discard = useMutation({
    mutationFn: (id: number) => call(api.DELETE('/api/drafts/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      notifications.show({ message: t('mine.discarded'), color: 'teal' });
      void queryClient.invalidateQueries({ queryKey: ['drafts'] });
    },
  });
  if (isOfficer) return null;
  return (
    <Stack gap="sm" component="section" aria-labelledby="ho-so-nhap">
      <Title order={2} size="h3" id="ho-so-nhap">
        {t('mine.drafts')}
      </Title>
      <ProblemAlert error={drafts.error ?? discard.error} />
      {drafts.isPending && <Loading />}
      {drafts.data?.items.length === 0 && <Text c="dimmed">{t('mine.noDrafts')}</Text>}
      <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {drafts.data?.items.map((draft) => (
          <Paper key={draft.id} component="li" withBorder p="sm" radius="md">
            <Text fw={600}>{draft.procedureName}</Text>
            <Text size="sm" c="dimmed">
              {t('mine.draftSaved', { time: formatDateTime(draft.updatedAt) })}
            </Text>
            <Group gap="xs" mt="xs">
              <Button
                component={Link}
                to={`/ho-so-nhap/${draft.id}`}
                size="compact-sm"
                aria-label={t('mine.resumeLabel', { name: draft.procedureName })}
              >
                {t('mine.resume')}
              </Button>
              <Button
                size="compact-sm"
                variant="subtle"
                color="red"
                loading={discard.isPending && discard.variables === draft.id}
                aria-label={t('mine.discardLabel', { name: draft.procedureName })}
                onClick={() => {
                  if (window.confirm(t('mine.discardConfirm', { name: draft.procedureName })))
                    discard.mutate(draft.id);
                }}
              >
                {t('mine.discard')}
              </Button>
            </Group>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}

function Submitted() {
  const { t } = useTranslation('portal');
  const [page, setPage] = useState(1);
  const dossiers = useQuery({
    queryKey: ['dossiers', 'mine', page],
    queryFn: () => call(api.GET('/api/dossiers/mine', { params: { query: { page, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
  const pages = dossiers.data ? Math.ceil(dossiers.data.total / PAGE_SIZE) : 0;
  return (
    <Stack gap="sm" component="section" aria-labelledby="ho-so-da-nop">
      <Title order={2} size="h3" id="ho-so-da-nop">
        {t('mine.submitted')}
      </Title>
      <ProblemAlert error={dossiers.error} />
      {dossiers.isPending && <Loading />}
      {dossiers.data?.total === 0 && (
        <Text c="dimmed">
          {t('mine.none')}{' '}
          <Anchor component={Link} to="/">
            {t('mine.findProcedure')}
          </Anchor>
        </Text>
      )}
      <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {dossiers.data?.items.map((dossier) => (
          <Paper key={dossier.code} component="li" withBorder p="sm" radius="md">
            <Group justify="space-between" align="flex-start" gap="xs">
              <Anchor component={Link} to={`/ho-so-cua-toi/${dossier.code}`} ff="monospace" fw={600}>
                {dossier.code}
              </Anchor>
              <StatusBadge status={dossier.status} />
            </Group>
            <Text>{dossier.procedureName}</Text>
            <Group gap="md">
              <Text size="sm" c="dimmed">
                {t('mine.submittedAt')}: {formatDate(dossier.submittedAt)}
              </Text>
              {dossier.dueAt && (
                <Text size="sm" c="dimmed">
                  {t('mine.dueAt')}: {formatDate(dossier.dueAt)}
                </Text>
              )}
            </Group>
          </Paper>
        ))}
      </Stack>
      {pages > 1 && <Paging total={pages} value={page} onChange={setPage} label={t('mine.pagination')} />}
    </Stack>
  );
}
