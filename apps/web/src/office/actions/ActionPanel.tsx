/**
 * The actions one may take on a dossier now, each a button opening its form in a modal (focus is
 * trapped inside and returns to the button on close). The form itself is ActionForm.tsx.
 */
import { Button, Group, Modal, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DossierCommand } from '@tayninh/domain/dossiers/commands';
import { ActionForm } from './ActionForm';
import { DANGER, PRIMARY, type ActionContext, type OfferedAction } from './types';

export type { ActionContext, OfferedAction } from './types';

export function ActionPanel({
  actions,
  context,
  onDone,
}: {
  actions: OfferedAction[];
  context: ActionContext;
  onDone: (type: DossierCommand) => void;
}) {
  const { t, i18n } = useTranslation(['office', 'common']);
  const [open, setOpen] = useState<OfferedAction | null>(null);
  const label = (action: OfferedAction) => (i18n.language === 'en' ? action.labelEn : action.label);
  if (actions.length === 0) return <Text c="dimmed">{t('dossier.noActions')}</Text>;
  return (
    <>
      <Group gap="sm">
        {actions.map((action) => (
          <Button
            key={action.type}
            variant={
              PRIMARY.includes(action.type) ? 'filled' : DANGER.includes(action.type) ? 'outline' : 'default'
            }
            color={DANGER.includes(action.type) ? 'red.9' : undefined}
            onClick={() => setOpen(action)}
          >
            {label(action)}
          </Button>
        ))}
      </Group>
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={open ? label(open) : ''}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      >
        {open && (
          <ActionForm
            key={open.type}
            action={open}
            label={label(open)}
            context={context}
            onCancel={() => setOpen(null)}
            onDone={() => {
              setOpen(null);
              onDone(open.type);
            }}
          />
        )}
      </Modal>
    </>
  );
}
