/**
 * The official's documents at a glance, on the back office's home page: how many wait at the
 * steps their roles take (the văn thư: to receive, to register, to number and issue; a leader:
 * to direct, to sign; everyone: in progress), each a link to the register filtered so.
 */
import { Anchor, Card, SimpleGrid, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../api/client';
import { useAuth } from '../auth/auth';
import { formatNumber } from '../lib/format';
import { REGISTER_PATHS, type Register } from './logic';
import type { DocumentPage } from './types';

interface Tile {
  key: 'toReceive' | 'toRegister' | 'toDirect' | 'inProgress' | 'toSign' | 'toSeal';
  register: Register;
  status: string;
}

export function DocumentsSummary() {
  const { t } = useTranslation('documents');
  const { hasRole } = useAuth();
  const clerk = hasRole('clerk');
  const leader = hasRole('leader');
  const tiles: Tile[] = [
    ...(clerk ? [{ key: 'toReceive', register: 'incoming', status: 'delivered' } as const] : []),
    ...(clerk ? [{ key: 'toRegister', register: 'incoming', status: 'received' } as const] : []),
    ...(leader ? [{ key: 'toDirect', register: 'incoming', status: 'awaiting_direction' } as const] : []),
    ...(clerk || leader || hasRole('specialist')
      ? [{ key: 'inProgress', register: 'incoming', status: 'in_progress' } as const]
      : []),
    ...(leader ? [{ key: 'toSign', register: 'outgoing', status: 'awaiting_signature' } as const] : []),
    ...(clerk ? [{ key: 'toSeal', register: 'outgoing', status: 'signed' } as const] : []),
  ];
  const counts = useQueries({
    queries: tiles.map((tile) => ({
      queryKey: ['documents', tile.register, `status=${tile.status}`, 'count'],
      queryFn: async () =>
        (
          (await call(
            api.GET('/api/documents', {
              params: { query: { register: tile.register, status: tile.status, pageSize: 1 } },
            }),
          )) as DocumentPage
        ).total,
      staleTime: 15_000,
    })),
  });
  if (tiles.length === 0) return null;
  return (
    <section aria-labelledby="documents-summary">
      <Text component="h2" fw={700} size="lg" id="documents-summary" mb="sm">
        {t('home.title')}
      </Text>
      <SimpleGrid
        cols={{ base: 1, xs: 2, md: 4 }}
        spacing="sm"
        component="ul"
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
      >
        {tiles.map((tile, i) => (
          <Card key={tile.key} component="li" withBorder padding="md">
            <Anchor
              component={Link}
              to={`/van-ban/${REGISTER_PATHS[tile.register]}?status=${tile.status}`}
              fw={600}
              size="sm"
            >
              {t(`home.${tile.key}`)}
            </Anchor>
            <Text fz={24} fw={700}>
              {counts[i]?.data === undefined ? '…' : formatNumber(counts[i].data)}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
    </section>
  );
}
