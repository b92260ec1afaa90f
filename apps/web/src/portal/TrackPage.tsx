/** Track a dossier by its code, without signing in (status and dates only, no personal data). */
import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError, api, call } from '../api/client';
import { ErrorSummary } from '../components/ErrorSummary';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { StatusBadge } from '../components/StatusBadge';
import { formatDate, formatDateTime } from '../lib/format';
import { DOSSIER_CODE } from './hooks';

export default function TrackPage() {
  const { code } = useParams();
  const { t } = useTranslation('portal');
  const navigate = useNavigate();
  const [text, setText] = useState(code ?? '');
  const [error, setError] = useState<string | null>(null);
  const [attempts, setAttempts] = useState(0);
  const valid = !!code && DOSSIER_CODE.test(code);
  const result = useQuery({
    queryKey: ['public-dossier', code],
    queryFn: () => call(api.GET('/api/public/dossiers/{code}', { params: { path: { code: code! } } })),
    enabled: valid,
  });
  const resultHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (result.data) resultHeading.current?.focus();
  }, [result.data]);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const wanted = text.trim().toUpperCase();
    const problem = !wanted ? t('track.required') : !DOSSIER_CODE.test(wanted) ? t('track.invalid') : null;
    setError(problem);
    if (problem) return setAttempts((count) => count + 1);
    void navigate(`/tra-cuu/${wanted}`);
  }

  const notFound = result.error instanceof ApiError && result.error.status === 404;
  const codeError = error ?? (code && !valid ? t('track.invalid') : undefined);
  return (
    <Stack gap="lg" maw={760}>
      <div>
        <PageTitle>{t('track.title')}</PageTitle>
        <Text>{t('track.intro')}</Text>
      </div>
      <ErrorSummary
        errors={codeError ? [{ fieldId: 'ma-ho-so', message: codeError }] : []}
        focusKey={attempts}
      />
      <form onSubmit={onSubmit} noValidate role="search">
        <Group align="flex-end" gap="sm">
          <TextInput
            id="ma-ho-so"
            label={t('track.code')}
            description={t('track.codeHint')}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            error={codeError}
            autoComplete="off"
            spellCheck={false}
            style={{ flex: '1 1 260px' }}
          />
          <Button type="submit">{t('track.submit')}</Button>
        </Group>
      </form>
      {valid && result.isPending && <Loading />}
      {notFound ? (
        <Alert color="orange" role="alert">
          {t('track.notFound', { code })}
        </Alert>
      ) : (
        <ProblemAlert error={result.error} />
      )}
      {result.data && (
        <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="ket-qua-tra-cuu">
          <Title order={2} size="h3" id="ket-qua-tra-cuu" ref={resultHeading} tabIndex={-1}>
            {t('track.result')}
          </Title>
          <Text ff="monospace" fw={700} mt="xs" data-testid="tracked-code">
            {result.data.code}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="sm" component="dl">
            <Item label={t('track.status')}>
              <StatusBadge status={result.data.status} />
            </Item>
            <Item label={t('track.procedure')}>{result.data.procedureName}</Item>
            <Item label={t('track.receivingUnit')}>{result.data.receivingUnit}</Item>
            <Item label={t('track.submittedAt')}>{formatDateTime(result.data.submittedAt)}</Item>
            <Item label={t('track.receivedAt')}>{formatDateTime(result.data.receivedAt)}</Item>
            <Item label={t('track.dueAt')}>{formatDate(result.data.dueAt)}</Item>
            {result.data.completedAt && (
              <Item label={t('track.completedAt')}>{formatDate(result.data.completedAt)}</Item>
            )}
          </SimpleGrid>
        </Paper>
      )}
    </Stack>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}
