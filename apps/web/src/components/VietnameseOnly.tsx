import { Alert } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * On the English interface, above content the catalogue publishes in Vietnamese only (a
 * procedure, its form): says so, instead of leaving a reader to wonder at a half-translated page.
 */
export function VietnameseOnly() {
  const { t, i18n } = useTranslation();
  if (i18n.language !== 'en') return null;
  return (
    <Alert color="blue" variant="light" icon={<IconLanguage aria-hidden />} data-testid="vietnamese-only">
      {t('vietnameseOnly')}
    </Alert>
  );
}
