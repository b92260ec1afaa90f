/** Small pieces every administration form uses: the reason field, confirmations, notifications. */
import {
  Badge,
  Button,
  Group,
  Modal,
  Stack,
  Text,
  Textarea,
  type BadgeProps,
  type TextareaProps,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../components/ProblemAlert';

export { notifySuccess } from '../components/notify';

/** The reason recorded in the audit log with the change (asked for in every administration form). */
export function ReasonInput(props: TextareaProps) {
  const { t } = useTranslation('admin');
  return (
    <Textarea
      label={t('common.reason')}
      description={t('common.reasonHint')}
      required
      autosize
      minRows={2}
      maxLength={1000}
      {...props}
    />
  );
}

export function useReasonRule() {
  const { t } = useTranslation('admin');
  return (value: string) => (value.trim() ? null : t('common.reasonRequired'));
}

interface ConfirmProps {
  opened: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  onClose: () => void;
  /** Runs the change with the reason given; the dialog closes when it succeeds. */
  onConfirm: (reason: string) => Promise<unknown>;
  danger?: boolean;
}

/** Asks for confirmation and a reason before a destructive change. */
export function ConfirmWithReason({
  opened,
  title,
  message,
  confirmLabel,
  onClose,
  onConfirm,
  danger = true,
}: ConfirmProps) {
  const { t } = useTranslation('admin');
  const reasonRule = useReasonRule();
  const form = useForm({ initialValues: { reason: '' }, validate: { reason: reasonRule } });
  const mutation = useMutation({ mutationFn: (reason: string) => onConfirm(reason.trim()) });
  const close = () => {
    form.reset();
    mutation.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={title} centered>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => mutation.mutate(values.reason, { onSuccess: close }))}
      >
        <Stack>
          <Text>{message}</Text>
          <ProblemAlert error={mutation.error} />
          <ReasonInput data-autofocus {...form.getInputProps('reason')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={danger ? 'red' : undefined} loading={mutation.isPending}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A badge whose text wraps instead of being cut off in narrow table cells. */
export function TextBadge({
  children,
  nowrap = false,
  ...props
}: BadgeProps & { children: ReactNode; nowrap?: boolean }) {
  return (
    <Badge
      variant="light"
      tt="none"
      radius="sm"
      styles={{
        root: { height: 'auto', whiteSpace: nowrap ? 'nowrap' : 'normal', paddingBlock: 2 },
        label: { overflow: 'visible', whiteSpace: nowrap ? 'nowrap' : 'normal', textOverflow: 'clip' },
      }}
      {...props}
    >
      {children}
    </Badge>
  );
}
