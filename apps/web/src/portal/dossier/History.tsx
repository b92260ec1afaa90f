import { Text, Timeline, Title, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../lib/format';
import type { Dossier } from '../hooks';

/** The dossier's history as the applicant may see it: what happened, when, by whom. */
export function History({ items }: { items: Dossier['history'] }) {
  const { t } = useTranslation('portal');
  return (
    <Stack gap="sm" component="section" aria-labelledby="qua-trinh">
      <Title order={2} size="h3" id="qua-trinh">
        {t('dossier.history')}
      </Title>
      <Timeline active={items.length - 1} bulletSize={14} lineWidth={2}>
        {items.map((item) => (
          <Timeline.Item
            key={item.seq}
            title={t(`events.${item.type as 'submitted'}`, { defaultValue: item.label })}
          >
            <Text size="sm" c="dimmed">
              {formatDateTime(item.at)}
              {item.actorUnit ? ` — ${item.actorUnit}` : ''}
            </Text>
            {item.reason && <Text size="sm">{t('dossier.reason', { reason: item.reason })}</Text>}
            {(item.newDueAt ?? item.dueAt) && (
              <Text size="sm">{t('dossier.due', { date: formatDate(item.newDueAt ?? item.dueAt) })}</Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}
