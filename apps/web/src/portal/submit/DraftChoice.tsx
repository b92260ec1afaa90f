/**
 * Before a new online submission: when the citizen already has drafts of this procedure, offer to
 * continue one, or to start a new dossier deliberately (the wizard otherwise creates a new draft
 * at its first step, and each click on "Nộp hồ sơ trực tuyến" would leave one more behind).
 */
import { Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../components/Page';
import { formatDateTime } from '../../lib/format';
import type { Procedure } from '../hooks';

export interface DraftSummary {
  id: number;
  procedureCode: string;
  createdAt: string;
  updatedAt: string;
}

/** The drafts of one procedure, most recently saved first (the order GET /api/drafts returns). */
export function draftsOf(procedureCode: string, drafts: readonly DraftSummary[]): DraftSummary[] {
  return drafts.filter((draft) => draft.procedureCode === procedureCode);
}

export function DraftChoice({
  procedure,
  drafts,
  onStartNew,
}: {
  procedure: Procedure;
  drafts: readonly DraftSummary[];
  onStartNew: () => void;
}) {
  const { t } = useTranslation('portal');
  return (
    <Stack gap="md" maw={760}>
      <div>
        <PageTitle>{t('submit.title')}</PageTitle>
        <Anchor component={Link} to={`/thu-tuc/${procedure.code}`}>
          {procedure.name}
        </Anchor>
      </div>
      <Text>{t('draftChoice.intro', { count: drafts.length })}</Text>
      <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {drafts.map((draft) => {
          const time = formatDateTime(draft.updatedAt);
          return (
            <Paper key={draft.id} component="li" withBorder p="sm" radius="md">
              <Group justify="space-between" gap="sm">
                <Text size="sm">
                  {t('draftChoice.saved', { time })}
                  <Text span size="xs" c="dimmed" display="block">
                    {t('draftChoice.started', { time: formatDateTime(draft.createdAt) })}
                  </Text>
                </Text>
                <Button
                  component={Link}
                  to={`/ho-so-nhap/${draft.id}`}
                  aria-label={t('draftChoice.resumeLabel', { time })}
                >
                  {t('draftChoice.resume')}
                </Button>
              </Group>
            </Paper>
          );
        })}
      </Stack>
      <div>
        <Button variant="default" onClick={onStartNew}>
          {t('draftChoice.startNew')}
        </Button>
        <Text size="sm" c="dimmed" mt={4}>
          {t('draftChoice.startNewNote')}
        </Text>
      </div>
    </Stack>
  );
}
