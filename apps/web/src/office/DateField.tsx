/**
 * A date typed as dd/mm/yyyy or picked from a calendar in Vietnamese; the value is YYYY-MM-DD.
 * `workingDaysOnly` (deadlines an officer sets: a task's due date, an appointment, an apology's
 * new date) greys out the weekends and holidays of the server's working calendar (GET
 * /api/calendar/non-working-days, a year at a time) and refuses a day off typed by hand, saying
 * why; the server refuses one too.
 */
import '@mantine/dates/styles.css';
import 'dayjs/locale/vi';
import { DateInput, DatesProvider, type DateInputProps } from '@mantine/dates';
import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { useCalendarLabels } from '../components/calendar-labels';
import { todayIso } from '../lib/format';
import { parseVietnameseDate } from './logic';

type Props = Omit<DateInputProps, 'valueFormat' | 'dateParser'> & { workingDaysOnly?: boolean };

/** The years a calendar showing `date`'s month touches (its first and last rows cross a year end). */
export function yearsShown(date: string): number[] {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return [...(month === 1 ? [year - 1] : []), year, ...(month === 12 ? [year + 1] : [])];
}

/** The days off of these years, by date, with the reason (empty until loaded, or when not asked). */
function useDaysOff(years: number[], enabled: boolean): Map<string, string> {
  const answers = useQueries({
    queries: years.map((year) => ({
      queryKey: ['calendar', 'non-working-days', year],
      queryFn: () =>
        call(
          api.GET('/api/calendar/non-working-days', {
            params: { query: { from: `${year}-01-01`, to: `${year}-12-31` } },
          }),
        ),
      enabled,
      staleTime: 60 * 60_000,
    })),
  });
  return new Map(answers.flatMap((answer) => (answer.data?.days ?? []).map((day) => [day.date, day.reason])));
}

export function DateField({ workingDaysOnly = false, error, onChange, ...props }: Props) {
  const calendarLabels = useCalendarLabels();
  const { t, i18n } = useTranslation('office');
  const [shown, setShown] = useState<string>(typeof props.value === 'string' ? props.value : todayIso());
  // The date last typed by hand: refused as a day off as soon as the calendar says so — also
  // when the calendar arrives after the typing (the check is derived, not taken once).
  const [typed, setTyped] = useState<{ text: string; date: string } | null>(null);
  const daysOff = useDaysOff(yearsShown(shown), workingDaysOnly);
  const parse = (text: string) => {
    const date = parseVietnameseDate(text);
    setTyped(date ? { text: text.trim(), date } : null);
    return date && daysOff.has(date) ? null : date;
  };
  const reason = workingDaysOnly && typed ? daysOff.get(typed.date) : undefined;
  const refused = typed && reason ? t('actions.dayOff', { date: typed.text, reason }) : null;
  return (
    <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en' : 'vi', firstDayOfWeek: 1 }}>
      <DateInput
        ariaLabels={calendarLabels}
        valueFormat="DD/MM/YYYY"
        dateParser={workingDaysOnly ? parse : parseVietnameseDate}
        placeholder={t('actions.pickDate')}
        clearable={!props.required}
        {...(workingDaysOnly
          ? {
              excludeDate: (date: string) => daysOff.has(date),
              onDateChange: (date: string) => setShown(date),
              description: props.description ?? t('actions.workingDaysOnly'),
            }
          : {})}
        {...props}
        error={error ?? refused ?? undefined}
        onChange={(value) => {
          // Another date (picked, or typed) replaces the one typed before.
          if (value && value !== typed?.date) setTyped(null);
          onChange?.(value);
        }}
      />
    </DatesProvider>
  );
}
