import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from './Page';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start">
      <PageTitle>{t('errors.notFoundTitle')}</PageTitle>
      <Text>{t('errors.notFound')}</Text>
      <Button component={Link} to="/">
        {t('nav.home')}
      </Button>
    </Stack>
  );
}
