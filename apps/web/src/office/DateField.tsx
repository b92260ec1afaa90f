import { useCalendarLabels } from '../components/calendar-labels';
/** A date typed as dd/mm/yyyy or picked from a calendar in Vietnamese; the value is YYYY-MM-DD. */
import '@mantine/dates/styles.css';
import 'dayjs/locale/vi';
import { DateInput, DatesProvider, type DateInputProps } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { parseVietnameseDate } from './logic';

export function DateField(props: Omit<DateInputProps, 'valueFormat' | 'dateParser'>) {
  const calendarLabels = useCalendarLabels();
  const { t, i18n } = useTranslation('office');
  return (
    <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en' : 'vi', firstDayOfWeek: 1 }}>
      <DateInput
        ariaLabels={calendarLabels}
        valueFormat="DD/MM/YYYY"
        dateParser={parseVietnameseDate}
        placeholder={t('actions.pickDate')}
        clearable={!props.required}
        {...props}
      />
    </DatesProvider>
  );
}
