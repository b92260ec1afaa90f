/**
 * Who may read a secret document besides its holder (Luật Bảo vệ bí mật nhà nước 2018, Điều 11):
 * for the văn thư or leader who holds it, the readers named with the reason, one more named (an
 * official of the agency, or of a unit it was sent to), one struck off. Each is a history entry.
 */
import { Button, Group, List, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifySuccess } from '../components/notify';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDateTime } from '../lib/format';
import type { DocumentView } from './types';

export function SecretAccess({ document: doc }: { document: DocumentView }) {
  const { t } = useTranslation(['documents', 'common']);
  const queryClient = useQueryClient();
  const [userId, setUserId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const people = useQuery({
    queryKey: ['documents', 'officials', doc.agency?.id ?? null, 'all'],
    queryFn: () =>
      call(api.GET('/api/documents/officials', { params: { query: { unitId: doc.agency?.id } } })),
    enabled: doc.agency !== null,
    staleTime: 5 * 60_000,
  });
  const change = useMutation({
    mutationFn: (body: { type: 'grant-access' | 'revoke-access'; userId: number; reason: string }) =>
      call(api.POST('/api/documents/{id}/actions', { params: { path: { id: doc.id } }, body })),
    onSuccess: async () => {
      notifySuccess(t('access.saved'));
      setUserId(null);
      setReason('');
      await queryClient.invalidateQueries({ queryKey: ['documents'] });
    },
  });
  if (!doc.grants) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="document-access">
      <Title order={2} size="h4" id="document-access" mb="sm">
        {t('access.title')}
      </Title>
      <Stack gap="sm">
        {doc.grants.length === 0 ? (
          <Text size="sm">{t('access.none')}</Text>
        ) : (
          <List size="sm" data-testid="document-grants">
            {doc.grants.map((g) => (
              <List.Item key={g.userId}>
                <Group gap="xs">
                  <span>
                    {t('access.entry', {
                      name: g.fullName,
                      by: g.grantedBy,
                      at: formatDateTime(g.grantedAt),
                      reason: g.reason,
                    })}
                  </span>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    disabled={!reason.trim()}
                    onClick={() => change.mutate({ type: 'revoke-access', userId: g.userId, reason })}
                  >
                    {t('access.revoke', { name: g.fullName })}
                  </Button>
                </Group>
              </List.Item>
            ))}
          </List>
        )}
        <Group align="end" gap="sm" wrap="wrap">
          <Select
            label={t('access.person')}
            data={(people.data?.items ?? []).map((p) => ({ value: String(p.userId), label: p.fullName }))}
            value={userId}
            onChange={setUserId}
            searchable
            miw={240}
          />
          <TextInput
            label={t('access.reason')}
            description={t('access.reasonHint')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            maxLength={500}
            miw={280}
          />
          <Button
            disabled={!userId || !reason.trim()}
            loading={change.isPending}
            onClick={() => change.mutate({ type: 'grant-access', userId: Number(userId), reason })}
          >
            {t('access.grant')}
          </Button>
        </Group>
        {change.error && <ProblemAlert error={change.error} />}
      </Stack>
    </Paper>
  );
}
