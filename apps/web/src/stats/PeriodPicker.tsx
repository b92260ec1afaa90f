import { useCalendarLabels } from '../components/calendar-labels';
/** Year, quarter or chosen dates, in one labelled group of Mantine inputs. */
import '@mantine/dates/styles.css';
import 'dayjs/locale/vi';
import { Fieldset, Group, SegmentedControl, Select, Text } from '@mantine/core';
import { DateInput, DatesProvider } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { formatDate, todayIso } from '../lib/format';
import { periodRange, recentYears, type Period } from './period';

/** dd/mm/yyyy (or YYYY-MM-DD) → YYYY-MM-DD; null when it is not a date. */
export function parseDate(text: string): string | null {
  const trimmed = text.trim();
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  const iso = vn
    ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}`
    : /^\d{4}-\d{2}-\d{2}$/.test(trimmed)
      ? trimmed
      : null;
  if (!iso) return null;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

export function PeriodPicker({ value, onChange }: { value: Period; onChange: (period: Period) => void }) {
  const calendarLabels = useCalendarLabels();
  const { t, i18n } = useTranslation('stats');
  const today = todayIso();
  const currentYear = Number(today.slice(0, 4));
  const currentQuarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const years = recentYears(today).map((year) => ({ value: String(year), label: String(year) }));
  const range = periodRange(value, today);
  const dateProps = {
    valueFormat: 'DD/MM/YYYY',
    dateParser: parseDate,
    placeholder: t('period.datePlaceholder'),
    maxDate: today,
    w: { base: '100%', xs: 170 },
  } as const;
  return (
    <Fieldset legend={t('period.legend')} variant="unstyled">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <SegmentedControl
          aria-label={t('period.kind')}
          value={value.kind}
          onChange={(kind) => onChange({ ...value, kind: kind, ...(kind === 'custom' ? range : {}) })}
          data={[
            { value: 'year', label: t('period.year') },
            { value: 'quarter', label: t('period.quarter') },
            { value: 'custom', label: t('period.custom') },
          ]}
        />
        {value.kind !== 'custom' && (
          <Select
            label={t('period.yearLabel')}
            data={years}
            value={String(value.year)}
            allowDeselect={false}
            w={110}
            onChange={(year) => {
              const next = Number(year);
              onChange({
                ...value,
                year: next,
                quarter: next === currentYear ? Math.min(value.quarter, currentQuarter) : value.quarter,
              });
            }}
          />
        )}
        {value.kind === 'quarter' && (
          <Select
            label={t('period.quarterLabel')}
            data={[1, 2, 3, 4].map((quarter) => ({
              value: String(quarter),
              label: t('period.quarterOption', { quarter }),
              disabled: value.year === currentYear && quarter > currentQuarter,
            }))}
            value={String(value.quarter)}
            allowDeselect={false}
            w={120}
            onChange={(quarter) => onChange({ ...value, quarter: Number(quarter) })}
          />
        )}
        {value.kind === 'custom' && (
          <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en' : 'vi', firstDayOfWeek: 1 }}>
            <DateInput
              ariaLabels={calendarLabels}
              {...dateProps}
              label={t('period.from')}
              value={value.from}
              maxDate={value.to < today ? value.to : today}
              onChange={(from) => from && onChange({ ...value, from })}
            />
            <DateInput
              ariaLabels={calendarLabels}
              {...dateProps}
              label={t('period.to')}
              value={value.to}
              minDate={value.from}
              onChange={(to) => to && onChange({ ...value, to })}
            />
          </DatesProvider>
        )}
      </Group>
      <Text size="sm" c="gray.7" mt="xs" aria-live="polite">
        {t('period.range', { from: formatDate(range.from), to: formatDate(range.to) })}
      </Text>
    </Fieldset>
  );
}
