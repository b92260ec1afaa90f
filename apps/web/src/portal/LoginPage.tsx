import { Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../auth/auth';
import { ErrorSummary } from '../components/ErrorSummary';
import { PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeNext(value: string | null): string | null {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : null;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [attempts, setAttempts] = useState(0);
  const form = useForm({
    initialValues: { username: '', password: '' },
    validate: {
      username: (value) =>
        value.trim() ? null : t('login.required', { field: t('login.username').toLowerCase() }),
      password: (value) => (value ? null : t('login.required', { field: t('login.password').toLowerCase() })),
    },
  });
  const mutation = useMutation({
    mutationFn: (values: typeof form.values) => login(values.username.trim(), values.password),
    onSuccess: (user) => {
      const next = safeNext(params.get('next'));
      void navigate(next ?? (user.kind === 'officer' ? '/mot-cua' : '/ho-so-cua-toi'), { replace: true });
    },
  });
  const summary = (['username', 'password'] as const).flatMap((name) => {
    const message = form.errors[name];
    return typeof message === 'string' ? [{ fieldId: `dn-${name}`, message }] : [];
  });
  return (
    <Stack maw={420} mx="auto">
      <PageTitle>{t('login.title')}</PageTitle>
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
            <ProblemAlert error={mutation.error} />
            <TextInput
              id="dn-username"
              label={t('login.username')}
              autoComplete="username"
              required
              {...form.getInputProps('username')}
            />
            <PasswordInput
              id="dn-password"
              label={t('login.password')}
              autoComplete="current-password"
              required
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={mutation.isPending}>
              {t('login.submit')}
            </Button>
            <Text size="sm">
              {t('login.noAccount')}{' '}
              <Anchor
                component={Link}
                to={
                  safeNext(params.get('next'))
                    ? `/dang-ky?next=${encodeURIComponent(params.get('next')!)}`
                    : '/dang-ky'
                }
              >
                {t('nav.register')}
              </Anchor>
            </Text>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
