import { Badge } from '@mantine/core';
import type { DossierStatus } from '@tayninh/domain/dossiers/lifecycle';
import { useTranslation } from 'react-i18next';

const COLOURS: Record<DossierStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  intake_supplement: 'orange',
  refused: 'red',
  processing: 'indigo',
  supplement_requested: 'orange',
  pending_approval: 'violet',
  awaiting_payment: 'yellow',
  result_ready: 'teal',
  returned: 'green',
  withdrawn: 'gray',
  stopped: 'dark',
};

/** A dossier's status in words (the colour is never the only signal). */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const known = status in COLOURS ? (status as DossierStatus) : null;
  return (
    <Badge
      color={known ? COLOURS[known] : 'gray'}
      variant="light"
      radius="sm"
      tt="none"
      style={{ whiteSpace: 'normal', height: 'auto' }}
    >
      {known ? t(`dossierStatus.${known}`) : status}
    </Badge>
  );
}
