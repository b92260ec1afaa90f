/** Words for the catalogue's codes (levels, online classes, time units) in the UI language. */
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../lib/format';
import { DURATION_UNITS, LEVELS, ONLINE_CLASSES, type DurationUnit } from './procedure-form';

export function useProcedureLabels() {
  const { t } = useTranslation('admin');
  const known = <T extends string>(list: readonly T[], value: string): value is T =>
    (list as readonly string[]).includes(value);
  return {
    level: (value: string) => (known(LEVELS, value) ? t(`catalogue.levels.${value}`) : value),
    onlineClass: (value: string) =>
      known(ONLINE_CLASSES, value) ? t(`catalogue.onlineClasses.${value}`) : value,
    onlineLevel: (value: number | null) =>
      value === null ? t('catalogue.noOnlineLevel') : t('catalogue.onlineLevel', { level: value }),
    unit: (value: DurationUnit) => t(`catalogue.units.${value}`),
    duration: (value: { amount: number; unit: string } | null) =>
      value === null
        ? t('catalogue.noTime')
        : `${formatNumber(value.amount, value.amount % 1 === 0 ? 0 : 1)} ${
            known(DURATION_UNITS, value.unit) ? t(`catalogue.units.${value.unit}`) : value.unit
          }`,
  };
}
