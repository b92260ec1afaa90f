import { useCalendarLabels } from '../components/calendar-labels';
/** The year's special days on a month calendar: days off in red, worked weekend days in blue. */
import { Group, Paper, Stack, Text } from '@mantine/core';
import { Calendar } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { TextBadge } from './shared';
import { isDayOff, type SpecialDay } from './calendar-days';

interface Props {
  year: number;
  days: SpecialDay[];
  onPick: (date: string) => void;
}

export function HolidayMonth({ year, days, onPick }: Props) {
  const calendarLabels = useCalendarLabels();
  const { t } = useTranslation('admin');
  const byDate = new Map(days.map((day) => [day.date, day]));
  const today = new Date();
  const start =
    today.getFullYear() === year
      ? `${year}-${String(today.getMonth() + 1).padStart(2, '0')}-01`
      : `${year}-01-01`;
  return (
    <Stack gap="xs">
      <Paper withBorder p="xs" style={{ display: 'flex', justifyContent: 'center' }}>
        <Calendar
          hideOutsideDates
          ariaLabels={calendarLabels}
          key={year}
          defaultDate={start}
          minDate={`${year}-01-01`}
          maxDate={`${year}-12-31`}
          maxLevel="year"
          size="md"
          // "1 tháng 12 năm 2026": the visible day number is part of the name (WCAG 2.5.3).
          getDayAriaLabel={(date) => {
            const [y, m, d] = date.split('-').map(Number);
            const day = byDate.get(date);
            const base = t('calendar.dayName', { day: d, month: m, year: y });
            return day ? `${base}, ${t(`calendar.kinds.${day.kind}`)}: ${day.name}` : base;
          }}
          getDayProps={(date) => {
            const day = byDate.get(date);
            return {
              onClick: () => onPick(date),
              title: day ? `${t(`calendar.kinds.${day.kind}`)}: ${day.name}` : undefined,
              style: day
                ? {
                    backgroundColor: isDayOff(day.kind)
                      ? 'var(--mantine-color-red-1)'
                      : 'var(--mantine-color-blue-1)',
                    color: isDayOff(day.kind) ? 'var(--mantine-color-red-9)' : 'var(--mantine-color-blue-9)',
                    fontWeight: 700,
                    textDecoration: 'underline',
                  }
                : undefined,
            };
          }}
        />
      </Paper>
      <Group gap="xs" aria-label={t('calendar.legend')} role="group">
        <TextBadge color="red" variant="light" tt="none">
          {t('calendar.dayOff')}
        </TextBadge>
        <TextBadge color="blue" variant="light" tt="none">
          {t('calendar.workday')}
        </TextBadge>
      </Group>
      <Text size="xs" c="dimmed">
        {t('calendar.monthHint')}
      </Text>
    </Stack>
  );
}
