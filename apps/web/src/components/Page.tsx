import { Center, Loader, Stack, Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A page's heading (the only h1) and the browser tab's title. */
export function PageTitle({ children, order = 1 }: { children: string; order?: 1 | 2 }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${children} · ${t('appName')}`;
  }, [children, t]);
  return (
    <Title order={order} size="h2" mb="md">
      {children}
    </Title>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="md" aria-hidden />
        <span>{label ?? t('status.loading')}</span>
      </Stack>
    </Center>
  );
}

export function Section({ children }: { children: ReactNode }) {
  return <Stack gap="md">{children}</Stack>;
}
