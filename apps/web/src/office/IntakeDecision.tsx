/** After a counter dossier is created: the intake decision, then the slip to print. */
import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DossierCommand } from '@tayninh/domain/dossiers/commands';
import { Loading } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { StatusBadge } from '../components/StatusBadge';
import { ActionPanel } from './actions/ActionPanel';
import { slipUrl, useDossierForOfficer } from './dossier-queries';

const INTAKE_COMMANDS: readonly string[] = ['accept', 'request-supplement', 'refuse'];

/** After creation: the intake decision, then the slip to print. */
export function Decision({
  code,
  missing,
  onAnother,
}: {
  code: string;
  missing: string[];
  onAnother: () => void;
}) {
  const { t } = useTranslation(['office', 'common']);
  const queryClient = useQueryClient();
  const [decided, setDecided] = useState<DossierCommand | null>(null);
  const { dossier, allowed, events, offered } = useDossierForOfficer(code, INTAKE_COMMANDS);
  const slip = (file: string) => slipUrl(code, file);
  const print: Partial<Record<DossierCommand, { file: string; label: string }>> = {
    accept: { file: 'receipt', label: t('intake.printReceipt') },
    'request-supplement': { file: 'supplement', label: t('intake.printSupplement') },
    refuse: { file: 'refusal', label: t('intake.printRefusal') },
  };
  const printed = decided ? print[decided] : undefined;

  return (
    <Stack gap="lg">
      <Alert color="green" variant="light" role="status" title={t('intake.created', { code })}>
        {dossier.data && <StatusBadge status={dossier.data.status} />}
      </Alert>
      {missing.length > 0 && !decided && (
        <Alert color="orange" variant="light">
          {t('intake.missing', { count: missing.length })}
        </Alert>
      )}
      {!decided && (
        <Block title={t('intake.decision')}>
          <Text size="sm">{t('intake.decisionHint')}</Text>
          {allowed.error && <ProblemAlert error={allowed.error} />}
          {allowed.isPending || events.isPending || !dossier.data ? (
            <Loading />
          ) : (
            <ActionPanel
              actions={offered}
              context={{
                code,
                handlingUnitId: dossier.data.handlingUnit.id,
                channel: dossier.data.channel,
                openTasks: [],
                needsDueAt: false,
                defaultItems: missing.map((name) => t('intake.missingItem', { name })),
              }}
              onDone={(type) => {
                setDecided(type);
                void queryClient.invalidateQueries({ queryKey: ['dossier', code] });
                void queryClient.invalidateQueries({ queryKey: ['queues'] });
              }}
            />
          )}
        </Block>
      )}
      <Group gap="md">
        {printed && (
          <Button
            component="a"
            href={slip(printed.file)}
            target="_blank"
            rel="noopener"
            leftSection={<IconPrinter size={18} aria-hidden />}
          >
            {printed.label}
          </Button>
        )}
        <Anchor component={Link} to={`/mot-cua/ho-so/${code}`}>
          {t('intake.openDossier', { code })}
        </Anchor>
        <Button variant="default" onClick={onAnother}>
          {t('intake.another')}
        </Button>
      </Group>
    </Stack>
  );
}

export function Block({ title, children }: { title: string; children: ReactNode }) {
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
