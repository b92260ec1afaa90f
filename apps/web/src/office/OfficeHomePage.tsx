/** The back office's home: how many dossiers wait in each of the officer's queues, with links. */
import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconArrowRight, IconInbox } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../api/client';
import { useAuth } from '../auth/auth';
import { FailedSignInNotice } from '../auth/FailedSignInNotice';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { DocumentsSummary } from '../documents/DocumentsSummary';
import { formatNumber } from '../lib/format';
import { queuesFor } from './logic';
import { startQueue } from './start-queue';

export default function OfficeHomePage() {
  const { t } = useTranslation('office');
  const { user, hasRole } = useAuth();
  const counts = useQuery({
    queryKey: ['queues', 'counts'],
    queryFn: () => call(api.GET('/api/dossiers/queue-counts')),
    staleTime: 15_000,
  });
  const roles = (user?.roles ?? []).map((grant) => grant.role);
  const queues = queuesFor(roles);
  const first = counts.data ? startQueue(roles, counts.data) : null;

  return (
    <Stack gap="lg">
      <PageTitle>{t('home.title')}</PageTitle>
      <FailedSignInNotice />
      {user && <Text>{t('home.greeting', { name: user.fullName })}</Text>}
      <Group gap="sm">
        {first && (
          <Button
            component={Link}
            to={`/mot-cua/hang-doi/${first}`}
            rightSection={<IconArrowRight size={16} aria-hidden />}
          >
            {t('home.start', { queue: t(`queues.${first}`) })}
          </Button>
        )}
        {hasRole('receiving_officer', 'system_admin') && (
          <Button
            component={Link}
            to="/mot-cua/tiep-nhan"
            variant="default"
            leftSection={<IconInbox size={16} aria-hidden />}
          >
            {t('home.counter')}
          </Button>
        )}
      </Group>
      {(queues.length > 0 || !hasRole('clerk')) && (
        <section aria-labelledby="queue-counts">
          <Text component="h2" fw={700} size="lg" id="queue-counts" mb="sm">
            {t('home.summary')}
          </Text>
          {counts.error && <ProblemAlert error={counts.error} />}
          {counts.isPending ? (
            <Loading />
          ) : queues.length === 0 ? (
            <Text>{t('home.none')}</Text>
          ) : (
            <SimpleGrid
              cols={{ base: 1, xs: 2, md: 4 }}
              spacing="sm"
              component="ul"
              style={{ listStyle: 'none', padding: 0, margin: 0 }}
            >
              {queues.map((queue) => {
                const count = counts.data?.[queue] ?? 0;
                const name = t(`queues.${queue}`);
                return (
                  <Card
                    key={queue}
                    component="li"
                    withBorder
                    padding="md"
                    style={
                      queue === 'overdue' && count > 0
                        ? { borderColor: 'var(--mantine-color-red-9)', borderWidth: 2 }
                        : undefined
                    }
                  >
                    <Anchor component={Link} to={`/mot-cua/hang-doi/${queue}`} fw={600} size="sm">
                      {name}
                    </Anchor>
                    <Text fz={24} fw={700} c={queue === 'overdue' && count > 0 ? 'red.9' : undefined}>
                      {t('home.count', { count, formatted: formatNumber(count) })}
                    </Text>
                  </Card>
                );
              })}
            </SimpleGrid>
          )}
        </section>
      )}
      <DocumentsSummary />
    </Stack>
  );
}
