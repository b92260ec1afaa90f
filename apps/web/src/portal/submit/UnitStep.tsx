import { Select, Text, type ComboboxItem, type OptionsFilter } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fold } from '../../lib/format';
import { useCommunes } from '../hooks';

export const UNIT_FIELD_ID = 'truong-noi-nop';

/** Diacritics-insensitive: "tan ninh" finds "Ủy ban nhân dân phường Tân Ninh". */
const foldedFilter: OptionsFilter = ({ options, search }) => {
  const wanted = fold(search.trim());
  return (options as ComboboxItem[]).filter((option) => fold(option.label).includes(wanted));
};

/** The commune where a commune-level procedure is submitted. */
export function UnitStep({
  value,
  error,
  onChange,
}: {
  value: string | null;
  error: string | undefined;
  onChange: (value: string | null) => void;
}) {
  const { t } = useTranslation('portal');
  const communes = useCommunes(true);
  return (
    <>
      <Text>{t('submit.unitIntro')}</Text>
      <ProblemAlert error={communes.error} />
      <Select
        id={UNIT_FIELD_ID}
        label={t('submit.unitLabel')}
        placeholder={t('submit.unitPlaceholder')}
        required
        searchable
        filter={foldedFilter}
        nothingFoundMessage={t('submit.nothingFound')}
        data={(communes.data?.items ?? []).map((unit) => ({ value: String(unit.id), label: unit.name }))}
        value={value}
        onChange={onChange}
        error={error}
        limit={200}
      />
    </>
  );
}
