/** Mantine's date components in Vietnamese (or English), weeks starting on Monday. */
import '@mantine/dates/styles.css';
import 'dayjs/locale/vi';
import { DatesProvider } from '@mantine/dates';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export const DATE_FORMAT = 'DD/MM/YYYY';

export function AdminDates({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en' : 'vi', firstDayOfWeek: 1 }}>
      {children}
    </DatesProvider>
  );
}
