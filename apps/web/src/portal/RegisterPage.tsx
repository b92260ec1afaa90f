/** Citizen registration: creates the account, signs in, and continues to `next`. */
import { Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, call, csrf } from '../api/client';
import { forgetOthers, ME_KEY } from '../auth/auth';
import { ErrorSummary } from '../components/ErrorSummary';
import { PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { safeNext } from './hooks';

const FIELDS = ['fullName', 'username', 'password', 'email', 'phone', 'identityNumber'] as const;
/** The fields in the order of the page (the error summary lists them so). */
const ORDER = [
  'fullName',
  'identityNumber',
  'phone',
  'email',
  'username',
  'password',
  'passwordRepeat',
] as const;

export default function RegisterPage() {
  const { t } = useTranslation('portal');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [attempts, setAttempts] = useState(0);
  const form = useForm({
    initialValues: {
      fullName: '',
      username: '',
      password: '',
      passwordRepeat: '',
      email: '',
      phone: '',
      identityNumber: '',
    },
    validate: {
      fullName: (value) => (value.trim().length >= 2 ? null : t('register.errors.fullName')),
      username: (value) =>
        /^[a-z0-9][a-z0-9._-]{2,63}$/.test(value.trim().toLowerCase()) ? null : t('register.errors.username'),
      password: (value) =>
        value.length < 8
          ? t('register.errors.passwordLength')
          : !/[A-Za-zÀ-ỹ]/.test(value) || !/[0-9]/.test(value)
            ? t('register.errors.passwordMix')
            : null,
      passwordRepeat: (value, values) =>
        value === values.password ? null : t('register.errors.passwordRepeat'),
      email: (value) =>
        /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(value.trim()) ? null : t('register.errors.email'),
      phone: (value) =>
        /^(0|\+84)[35789][0-9]{8}$/.test(value.replace(/[\s.-]/g, '')) ? null : t('register.errors.phone'),
      identityNumber: (value) =>
        /^[0-9]{12}$/.test(value.replace(/\s/g, '')) ? null : t('register.errors.identityNumber'),
    },
  });
  const mutation = useMutation({
    mutationFn: ({ passwordRepeat: _repeat, ...body }: typeof form.values) =>
      call(api.POST('/api/auth/register', { body })),
    onSuccess: (result) => {
      csrf.set(result.csrfToken);
      forgetOthers(queryClient);
      queryClient.setQueryData(ME_KEY, result.user);
      void navigate(next ?? '/ho-so-cua-toi', { replace: true });
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const fieldErrors = error.fieldErrors();
      const mapped = Object.fromEntries(
        FIELDS.flatMap((name) => (fieldErrors[`/${name}`] ? [[name, fieldErrors[`/${name}`]!]] : [])),
      );
      if (error.problem.code === 'username_taken') mapped.username = error.problem.detail;
      if (error.problem.code === 'email_taken') mapped.email = error.problem.detail;
      form.setErrors(mapped);
      if (Object.keys(mapped).length > 0) setAttempts((count) => count + 1);
    },
  });

  // The messages name their field ("Vui lòng nhập họ, chữ đệm và tên.").
  const summary = ORDER.flatMap((name) => {
    const message = form.errors[name];
    return typeof message === 'string' ? [{ fieldId: `dk-${name}`, message }] : [];
  });

  return (
    <Stack maw={520} mx="auto">
      <PageTitle>{t('register.title')}</PageTitle>
      <Text>{t('register.intro')}</Text>
      <Paper withBorder p="lg">
        <form
          onSubmit={form.onSubmit(
            (values) => mutation.mutate(values),
            () => setAttempts((count) => count + 1),
          )}
          noValidate
        >
          <Stack>
            <ErrorSummary errors={summary} focusKey={attempts} />
            <ProblemAlert error={summary.length > 0 ? null : mutation.error} />
            <TextInput
              id="dk-fullName"
              label={t('register.fullName')}
              autoComplete="name"
              required
              {...form.getInputProps('fullName')}
            />
            <TextInput
              id="dk-identityNumber"
              label={t('register.identityNumber')}
              description={t('register.identityHint')}
              inputMode="numeric"
              autoComplete="off"
              required
              {...form.getInputProps('identityNumber')}
            />
            <TextInput
              id="dk-phone"
              label={t('register.phone')}
              description={t('register.phoneHint')}
              type="tel"
              autoComplete="tel"
              required
              {...form.getInputProps('phone')}
            />
            <TextInput
              id="dk-email"
              label={t('register.email')}
              type="email"
              autoComplete="email"
              required
              {...form.getInputProps('email')}
            />
            <TextInput
              id="dk-username"
              label={t('register.username')}
              description={t('register.usernameHint')}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              {...form.getInputProps('username')}
            />
            <PasswordInput
              id="dk-password"
              label={t('register.password')}
              description={t('register.passwordHint')}
              autoComplete="new-password"
              required
              {...form.getInputProps('password')}
            />
            <PasswordInput
              id="dk-passwordRepeat"
              label={t('register.passwordRepeat')}
              autoComplete="new-password"
              required
              {...form.getInputProps('passwordRepeat')}
            />
            <Button type="submit" loading={mutation.isPending}>
              {t('register.submit')}
            </Button>
            <Text size="sm">
              {t('register.haveAccount')}{' '}
              <Anchor
                component={Link}
                to={next ? `/dang-nhap?next=${encodeURIComponent(next)}` : '/dang-nhap'}
              >
                {t('login.title', { ns: 'common' })}
              </Anchor>
            </Text>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
