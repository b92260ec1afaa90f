/** Name, contact details and unit of an account, with the reason of the change. */
import { Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../components/ProblemAlert';
import { notifySuccess, ReasonInput, useReasonRule } from './shared';
import { useUserUpdate } from './useUserUpdate';
import { profileChanges, type AdminUser } from './users';
import { EMAIL, matchesOptional, PHONE } from './validation';
import { foldedFilter } from '../lib/search';

export function UserProfileForm({
  user,
  unitOptions,
}: {
  user: AdminUser;
  unitOptions: Array<{ value: string; label: string }>;
}) {
  const { t } = useTranslation('admin');
  const reasonRule = useReasonRule();
  const form = useForm({
    initialValues: {
      fullName: user.fullName,
      email: user.email ?? '',
      phone: user.phone ?? '',
      primaryUnitId: user.primaryUnit ? String(user.primaryUnit.id) : null,
      reason: '',
    },
    validate: {
      fullName: (value) =>
        value.trim() ? null : t('common.required', { field: t('users.fields.fullName').toLowerCase() }),
      email: (value) => (matchesOptional(value, EMAIL) ? null : t('users.invalid.email')),
      phone: (value) => (matchesOptional(value, PHONE) ? null : t('users.invalid.phone')),
      reason: reasonRule,
    },
  });
  const mutation = useUserUpdate(user, (saved) => {
    notifySuccess(t('users.updated', { username: saved.username }));
    form.setFieldValue('reason', '');
  });
  // The current unit stays selectable even when it is outside the options (e.g. closed since).
  const options =
    user.primaryUnit && !unitOptions.some((option) => option.value === String(user.primaryUnit!.id))
      ? [{ value: String(user.primaryUnit.id), label: user.primaryUnit.name }, ...unitOptions]
      : unitOptions;
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        const patch = profileChanges(user, values);
        if (Object.keys(patch).length === 0) {
          form.setFieldError('fullName', t('common.noChanges'));
          return;
        }
        mutation.mutate({ ...patch, reason: values.reason.trim() });
      })}
    >
      <Stack>
        <ProblemAlert error={mutation.error} />
        <TextInput label={t('users.fields.fullName')} required {...form.getInputProps('fullName')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('users.fields.email')} type="email" {...form.getInputProps('email')} />
          <TextInput label={t('users.fields.phone')} type="tel" {...form.getInputProps('phone')} />
        </SimpleGrid>
        {user.kind === 'officer' && (
          <Select
            label={t('users.fields.primaryUnit')}
            searchable
            filter={foldedFilter}
            allowDeselect={false}
            data={options}
            nothingFoundMessage={t('common.noResults')}
            {...form.getInputProps('primaryUnitId')}
          />
        )}
        <ReasonInput {...form.getInputProps('reason')} />
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            {t('users.saveProfile')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
