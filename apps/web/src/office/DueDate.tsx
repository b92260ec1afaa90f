/** A due date with the working time left: colour AND words ("Còn 3 ngày làm việc", "Quá hạn 2 ngày"). */
import { Badge, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconClockHour4, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../lib/format';
import { dueStanding } from './logic';

/** Filled red with white text, light orange and light green with dark text: each at least 4.5:1. */
const LOOKS = {
  overdue: { color: 'red.9', variant: 'filled', c: undefined },
  soon: { color: 'orange.3', variant: 'filled', c: 'dark.9' },
  ok: { color: 'green', variant: 'light', c: undefined },
  none: { color: 'gray', variant: 'light', c: undefined },
} as const;

export function DueStanding({
  remainingMinutes,
  minutesPerDay,
}: {
  remainingMinutes: number | null | undefined;
  minutesPerDay?: number;
}) {
  const { t } = useTranslation('office');
  const standing = dueStanding(remainingMinutes, minutesPerDay);
  if (standing.tone === 'none') return null;
  const underADay = standing.hours > 0 && standing.hours < (minutesPerDay ?? 480) / 60;
  let text: string;
  if (standing.tone === 'overdue')
    text =
      remainingMinutes === 0
        ? t('due.dueToday')
        : underADay
          ? t('due.overdueHours', { count: standing.hours })
          : t('due.overdue', { count: standing.days });
  else
    text = underADay
      ? t('due.leftHours', { count: standing.hours })
      : t('due.left', { count: standing.days });
  const Icon =
    standing.tone === 'overdue'
      ? IconAlertTriangle
      : standing.tone === 'soon'
        ? IconClockHour4
        : IconCircleCheck;
  return (
    <Badge
      color={LOOKS[standing.tone].color}
      variant={LOOKS[standing.tone].variant}
      c={LOOKS[standing.tone].c}
      radius="sm"
      tt="none"
      leftSection={<Icon size={14} aria-hidden />}
      style={{ height: 'auto' }}
      styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }}
    >
      {text}
    </Badge>
  );
}

export function DueDate({
  dueAt,
  remainingMinutes,
  minutesPerDay,
}: {
  dueAt: string | null;
  remainingMinutes: number | null | undefined;
  minutesPerDay?: number;
}) {
  return (
    <Stack gap={4} align="flex-start">
      <Text size="sm">{formatDateTime(dueAt)}</Text>
      <DueStanding remainingMinutes={remainingMinutes} minutesPerDay={minutesPerDay} />
    </Stack>
  );
}
