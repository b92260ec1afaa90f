/**
 * Registers an official's signing certificate or an agency's seal certificate (its public part:
 * PEM pasted from the token's export). The server checks the path to a trust anchor, the dates,
 * the key usage and revocation, and refuses with the reason in Vietnamese.
 */
import { Button, Group, Modal, NumberInput, SegmentedControl, Select, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { ProblemAlert } from '../components/ProblemAlert';
import { foldedFilter } from '../lib/search';
import { todayIso } from '../lib/format';
import { notifySuccess } from './shared';
import { unitOptions, type Unit } from './units-tree';

export const PURPOSES = ['signing', 'seal', 'timestamping', 'ocsp'] as const;
export type Purpose = (typeof PURPOSES)[number];

interface Props {
  opened: boolean;
  onClose: () => void;
  units: Unit[];
}

export function RegisterCertificateModal({ opened, onClose, units }: Props) {
  const { t } = useTranslation('admin');
  return (
    <Modal opened={opened} onClose={onClose} title={t('trust.registerTitle')} size="lg">
      {opened && <RegisterForm onClose={onClose} units={units} />}
    </Modal>
  );
}

function RegisterForm({ onClose, units }: Omit<Props, 'opened'>) {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const options = useMemo(() => unitOptions(units, todayIso(), () => true), [units]);
  const form = useForm({
    initialValues: {
      purpose: 'seal' as 'signing' | 'seal',
      unitId: null as string | null,
      userId: '' as number | string,
      certificate: '',
    },
    validate: {
      unitId: (value, values) =>
        values.purpose === 'seal' && !value
          ? t('common.chooseRequired', { field: t('trust.unit').toLowerCase() })
          : null,
      userId: (value, values) =>
        values.purpose === 'signing' && !(Number(value) > 0)
          ? t('common.required', { field: t('trust.userId').toLowerCase() })
          : null,
      certificate: (value) =>
        /-----BEGIN CERTIFICATE-----/.test(value) || /^[A-Za-z0-9+/=\s]{100,}$/.test(value.trim())
          ? null
          : t('trust.invalidCertificate'),
    },
  });
  const mutation = useMutation({
    mutationFn: (values: typeof form.values) =>
      call(
        api.POST('/api/trust/certificates', {
          body: {
            purpose: values.purpose,
            certificate: values.certificate.trim(),
            ...(values.purpose === 'seal'
              ? { unitId: Number(values.unitId) }
              : { userId: Number(values.userId) }),
          },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['trust', 'certificates'] });
      notifySuccess(t('trust.registered'));
      onClose();
    },
  });
  return (
    <form onSubmit={form.onSubmit((values) => mutation.mutate(values))} noValidate>
      <Stack>
        <SegmentedControl
          aria-label={t('trust.purpose')}
          data={[
            { value: 'seal', label: t('trust.purposes.seal') },
            { value: 'signing', label: t('trust.purposes.signing') },
          ]}
          {...form.getInputProps('purpose')}
        />
        {form.values.purpose === 'seal' ? (
          <Select
            label={t('trust.unit')}
            searchable
            filter={foldedFilter}
            data={options}
            withAsterisk
            nothingFoundMessage={t('common.noResults')}
            {...form.getInputProps('unitId')}
          />
        ) : (
          <NumberInput
            label={t('trust.userId')}
            description={t('trust.userIdHint')}
            min={1}
            withAsterisk
            {...form.getInputProps('userId')}
          />
        )}
        <Textarea
          label={t('trust.certificate')}
          description={t('trust.certificateHint')}
          autosize
          minRows={6}
          maxRows={14}
          withAsterisk
          styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
          {...form.getInputProps('certificate')}
        />
        <ProblemAlert error={mutation.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('trust.register')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
