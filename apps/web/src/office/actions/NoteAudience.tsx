/** Beside a note in the officers' history: whether the applicant reads it, or only the officers. */
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function NoteAudience({ shared }: { shared: boolean }) {
  const { t } = useTranslation('office');
  return (
    <Badge component="span" size="sm" radius="sm" tt="none" variant="light" color={shared ? 'blue' : 'gray'}>
      {shared ? t('dossier.noteShared') : t('dossier.noteInternal')}
    </Badge>
  );
}
