import { Alert, List } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** Shows a failed request as the server explained it (RFC 9457 problem, in the UI language). */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : null;
  const english = i18n.language === 'en';
  const detail = problem
    ? ((english ? problem.detail_en : problem.detail_vi) ?? problem.detail)
    : t('errors.network');
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertCircle aria-hidden />}
      title={title ?? problem?.title ?? t('errors.title')}
      role="alert"
    >
      {detail}
      {problem?.errors && problem.errors.length > 0 && (
        <List size="sm" mt="xs">
          {problem.errors.map((fieldError) => (
            <List.Item key={`${fieldError.field}:${fieldError.code}`}>
              {english ? fieldError.message_en : fieldError.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
