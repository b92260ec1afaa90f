/**
 * The officer's checklist of a dossier: the case the applicant declared, how they want the
 * result, and each document that applies to that case and channel — required or not, provided
 * (a file online, ticked at the counter) or missing. The server computes it with the same rules
 * as the wizard and the counter (`@tayninh/domain/dossiers/documents`).
 */
import { Badge, Group, List, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconCircleDashed } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { paths } from '../api/schema';

type Dossier = paths['/api/dossiers/{code}']['get']['responses'][200]['content']['application/json'];

export function DossierChecklist({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation(['office', 'common']);
  const missing = dossier.documents.filter((doc) => doc.required && !doc.provided).length;
  return (
    <Stack gap="sm">
      {dossier.cases.length > 0 && (
        <Stack gap={2}>
          <Text size="sm" fw={700}>
            {t('common:cases.chosen')}
          </Text>
          {dossier.cases.map((item) => (
            <Text size="sm" key={item.code}>
              {item.group}: <strong>{item.name}</strong>
            </Text>
          ))}
        </Stack>
      )}
      {dossier.resultDelivery && (
        <Text size="sm">
          {t('common:delivery.title')}:{' '}
          <strong>{t(`common:delivery.${dossier.resultDelivery.method}`)}</strong>
          {dossier.resultDelivery.address ? ` — ${dossier.resultDelivery.address}` : ''}
        </Text>
      )}
      {dossier.documents.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('checklist.none')}
        </Text>
      ) : (
        <List spacing={6} listStyleType="none" pl={0} aria-label={t('checklist.title')}>
          {dossier.documents.map((doc) => (
            <List.Item
              key={doc.code}
              icon={
                doc.provided ? (
                  <IconCircleCheck size={18} color="var(--mantine-color-teal-8)" aria-hidden />
                ) : doc.required ? (
                  <IconCircleX size={18} color="var(--mantine-color-red-8)" aria-hidden />
                ) : (
                  <IconCircleDashed size={18} aria-hidden />
                )
              }
            >
              <Group gap={6} wrap="wrap">
                <Text size="sm">{doc.name}</Text>
                <Badge
                  size="sm"
                  variant="light"
                  color={doc.provided ? 'teal' : doc.required ? 'red' : 'gray'}
                >
                  {doc.provided
                    ? t('checklist.provided')
                    : doc.required
                      ? t('checklist.missing')
                      : t('checklist.optional')}
                </Badge>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {missing > 0 && (
        <Text size="sm" c="red.8" role="status">
          {t('checklist.missingCount', { count: missing })}
        </Text>
      )}
    </Stack>
  );
}
