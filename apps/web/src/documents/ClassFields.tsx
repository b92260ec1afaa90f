/** The kind, urgency and secrecy of a document, side by side (drafting, paper reception). */
import { Select, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SECRECIES, URGENCIES, type Secrecy, type Urgency } from '@tayninh/domain/documents/types';
import { foldedFilter } from '../lib/search';

export interface ClassValues {
  kind: string;
  urgency: Urgency;
  secrecy: Secrecy;
}

export function ClassFields({
  kinds,
  labels,
  values,
  onChange,
  error,
}: {
  kinds: Array<{ value: string; label: string }>;
  labels: { kind: string; urgency: string; secrecy: string };
  values: ClassValues;
  onChange: (next: Partial<ClassValues>) => void;
  error?: string;
}) {
  const { t } = useTranslation('documents');
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      <Select
        label={labels.kind}
        data={kinds}
        value={values.kind}
        onChange={(kind) => onChange({ kind: kind ?? 'cong-van' })}
        searchable
        filter={foldedFilter}
        allowDeselect={false}
        error={error}
        required
      />
      <Select
        label={labels.urgency}
        data={URGENCIES.map((u) => ({ value: u, label: t(`urgency.${u}`) }))}
        value={values.urgency}
        onChange={(u) => onChange({ urgency: u ?? 'normal' })}
        allowDeselect={false}
      />
      <Select
        label={labels.secrecy}
        data={SECRECIES.map((s) => ({ value: s, label: t(`secrecy.${s}`) }))}
        value={values.secrecy}
        onChange={(s) => onChange({ secrecy: s ?? 'none' })}
        allowDeselect={false}
      />
    </SimpleGrid>
  );
}
