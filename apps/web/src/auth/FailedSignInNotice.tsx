/**
 * After signing in, the failed sign-ins to the account since the previous sign-in (the server
 * counts them; someone guessing a password is told to its owner). Hidden once dismissed, for the
 * rest of the browser session.
 */
import { Alert } from '@mantine/core';
import { IconShieldExclamation } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../lib/format';
import { useAuth } from './auth';

const DISMISSED_KEY = 'tn_failed_sign_ins_seen';

export function FailedSignInNotice() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const failed = user?.failedSignIns;
  const seenKey = failed ? `${user?.id ?? 0}:${failed.lastAt ?? ''}` : '';
  const [dismissed, setDismissed] = useState(() => sessionStorage.getItem(DISMISSED_KEY));
  if (!failed || failed.count === 0 || dismissed === seenKey) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconShieldExclamation aria-hidden />}
      title={t('failedSignIns.title')}
      withCloseButton
      closeButtonLabel={t('failedSignIns.dismiss')}
      onClose={() => {
        sessionStorage.setItem(DISMISSED_KEY, seenKey);
        setDismissed(seenKey);
      }}
    >
      {t('failedSignIns.body', { count: failed.count, at: formatDateTime(failed.lastAt) })}
    </Alert>
  );
}
