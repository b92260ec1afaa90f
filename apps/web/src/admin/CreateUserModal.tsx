/** Creates an officer's account in a unit, and gives them roles there. */
import {
  Button,
  Group,
  Modal,
  MultiSelect,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { ProblemAlert } from '../components/ProblemAlert';
import { notifySuccess, ReasonInput, useReasonRule } from './shared';
import { USERS_KEY, type GrantableRole } from './users';
import {
  EMAIL,
  IDENTITY_NUMBER,
  isStrongPassword,
  matchesOptional,
  orNull,
  PHONE,
  USERNAME,
} from './validation';
import { foldedFilter } from '../lib/search';

interface Props {
  opened: boolean;
  onClose: () => void;
  unitOptions: Array<{ value: string; label: string }>;
  roles: readonly GrantableRole[];
  onCreated: (id: number) => void;
}

export function CreateUserModal({ opened, onClose, ...rest }: Props) {
  const { t } = useTranslation('admin');
  return (
    <Modal opened={opened} onClose={onClose} title={t('users.createTitle')} size="lg">
      {opened && <CreateUserForm onClose={onClose} {...rest} />}
    </Modal>
  );
}

function CreateUserForm({ onClose, unitOptions, roles, onCreated }: Omit<Props, 'opened'>) {
  const { t } = useTranslation('admin');
  const reasonRule = useReasonRule();
  const queryClient = useQueryClient();
  const required = (label: string) => (value: string) =>
    value.trim() ? null : t('common.required', { field: label.toLowerCase() });
  const form = useForm({
    initialValues: {
      username: '',
      fullName: '',
      email: '',
      phone: '',
      identityNumber: '',
      primaryUnitId: null as string | null,
      password: '',
      roles: [] as string[],
      reason: '',
    },
    validate: {
      username: (value) =>
        !value.trim()
          ? t('common.required', { field: t('users.fields.username').toLowerCase() })
          : USERNAME.test(value.trim())
            ? null
            : t('users.invalid.username'),
      fullName: required(t('users.fields.fullName')),
      email: (value) => (matchesOptional(value, EMAIL) ? null : t('users.invalid.email')),
      phone: (value) => (matchesOptional(value, PHONE) ? null : t('users.invalid.phone')),
      identityNumber: (value) =>
        matchesOptional(value, IDENTITY_NUMBER) ? null : t('users.invalid.identityNumber'),
      primaryUnitId: (value) =>
        value ? null : t('common.chooseRequired', { field: t('users.fields.primaryUnit').toLowerCase() }),
      password: (value) => (isStrongPassword(value) ? null : t('users.invalid.password')),
      reason: reasonRule,
    },
  });
  const mutation = useMutation({
    mutationFn: async (values: typeof form.values) => {
      const unitId = Number(values.primaryUnitId);
      const created = await call(
        api.POST('/api/admin/users', {
          body: {
            username: values.username.trim(),
            fullName: values.fullName.trim(),
            email: orNull(values.email),
            phone: orNull(values.phone),
            identityNumber: orNull(values.identityNumber),
            kind: 'officer',
            primaryUnitId: unitId,
            password: values.password,
          },
        }),
      );
      // The account exists from here on, even if a role below is refused.
      void queryClient.invalidateQueries({ queryKey: USERS_KEY });
      for (const role of values.roles as GrantableRole[]) {
        await call(
          api.POST('/api/admin/users/{id}/roles', {
            params: { path: { id: created.id } },
            body: { role, unitId, includeSubtree: false, reason: values.reason.trim() },
          }),
        );
      }
      return created;
    },
    onSuccess: (created) => {
      notifySuccess(t('users.created', { username: created.username }));
      onCreated(created.id);
      onClose();
    },
  });
  return (
    <form noValidate onSubmit={form.onSubmit((values) => mutation.mutate(values))}>
      <Stack>
        <ProblemAlert error={mutation.error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('users.fields.username')}
            description={t('users.fields.usernameHint')}
            required
            autoComplete="off"
            data-autofocus
            {...form.getInputProps('username')}
          />
          <TextInput label={t('users.fields.fullName')} required {...form.getInputProps('fullName')} />
          <TextInput label={t('users.fields.email')} type="email" {...form.getInputProps('email')} />
          <TextInput label={t('users.fields.phone')} type="tel" {...form.getInputProps('phone')} />
          <TextInput
            label={t('users.fields.identityNumber')}
            inputMode="numeric"
            autoComplete="off"
            {...form.getInputProps('identityNumber')}
          />
          <PasswordInput
            label={t('users.fields.password')}
            description={t('users.fields.passwordHint')}
            required
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
        </SimpleGrid>
        <Select
          label={t('users.fields.primaryUnit')}
          required
          searchable
          filter={foldedFilter}
          data={unitOptions}
          nothingFoundMessage={t('common.noResults')}
          {...form.getInputProps('primaryUnitId')}
        />
        <MultiSelect
          label={t('users.fields.initialRoles')}
          data={roles.map((role) => ({ value: role, label: t(`users.roles.${role}`) }))}
          {...form.getInputProps('roles')}
        />
        <ReasonInput {...form.getInputProps('reason')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('users.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
