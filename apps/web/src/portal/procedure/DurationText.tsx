import i18n from '../../i18n';

export type Duration = { amount: number; unit: string } | null;
type Unit = 'working-days' | 'calendar-days' | 'working-hours';

/** "15 ngày làm việc", "20 ngày", "8 giờ làm việc" (or "Không quy định"). */
export function durationText(duration: Duration): string {
  if (!duration) return i18n.t('portal:procedure.noDuration');
  return i18n.t(`portal:procedure.durations.${duration.unit as Unit}`, { count: duration.amount });
}

export function DurationText({ duration }: { duration: Duration }) {
  return <>{durationText(duration)}</>;
}
