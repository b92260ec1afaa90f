import { Center, Loader, Stack, Title } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFocusOnPageChange } from './page-change';

/**
 * A page's heading (the only h1) and the browser tab's title. Reached from another page, it takes
 * the focus (page-change.ts).
 */
export function PageTitle({ children, order = 1 }: { children: string; order?: 1 | 2 }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} · ${t('appName')}`;
  }, [children, t]);
  useFocusOnPageChange(heading);
  return (
    <Title order={order} size="h2" mb="md" ref={heading} tabIndex={-1}>
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
