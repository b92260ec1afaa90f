import { Alert, Button, Group, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, call, idempotencyKey } from '../../api/client';
import { ErrorSummary, type ErrorSummaryItem } from '../../components/ErrorSummary';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../lib/format';
import { dossierKey, type Dossier } from '../hooks';

type Score = '0' | '1' | '2';
type Satisfaction = 'rat-hai-long' | 'hai-long' | 'khong-hai-long';
const SCORES: Score[] = ['2', '1', '0'];
const SATISFACTION: Satisfaction[] = ['rat-hai-long', 'hai-long', 'khong-hai-long'];
type Question = 'contacts' | 'bodies' | 'attitude';
const QUESTIONS: Question[] = ['contacts', 'bodies', 'attitude'];
const idOf = (field: Question | 'satisfaction' | 'comment') => `danh-gia-${field}`;

/** The applicant's evaluation (TT 01/2018: indicators 3, 4, 7 and overall satisfaction), once. */
export function RatingForm({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation('portal');
  const queryClient = useQueryClient();
  const [answers, setAnswers] = useState<Partial<Record<Question, Score>>>({});
  const [satisfaction, setSatisfaction] = useState<Satisfaction | null>(null);
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const [attempts, setAttempts] = useState(0);
  const key = useRef(idempotencyKey());
  const rate = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/dossiers/{code}/actions', {
          params: { path: { code: dossier.code } },
          headers: { 'idempotency-key': key.current },
          body: {
            type: 'rate',
            rating: {
              contacts: Number(answers.contacts) as 0 | 1 | 2,
              bodies: Number(answers.bodies) as 0 | 1 | 2,
              attitude: Number(answers.attitude) as 0 | 1 | 2,
              satisfaction: satisfaction!,
              ...(comment.trim() ? { comment: comment.trim() } : {}),
            },
          },
        }),
      ),
    onSuccess: (updated) => queryClient.setQueryData(dossierKey(dossier.code), updated),
    // A refusal naming fields (the comment too long…) lists them in the summary too.
    onError: (error) => {
      if (error instanceof ApiError && Object.keys(error.fieldErrors()).length > 0)
        setAttempts((count) => count + 1);
    },
  });

  if (dossier.rating) {
    const chosen = dossier.rating.satisfaction as Satisfaction;
    return (
      <Alert color="teal" variant="light" role="status" title={t('rating.title')}>
        {rate.isSuccess && <Text>{t('rating.thanks')}</Text>}
        {t('rating.done', {
          time: formatDateTime(dossier.rating.ratedAt),
          satisfaction: t(`rating.satisfactionOptions.${chosen}`),
        })}
      </Alert>
    );
  }
  if (!dossier.allowedActions.includes('rate')) return null;

  const complete = !!(answers.contacts && answers.bodies && answers.attitude && satisfaction);
  const serverErrors = rate.error instanceof ApiError ? rate.error.fieldErrors() : {};
  const summary: ErrorSummaryItem[] = [
    ...(tried
      ? [
          ...QUESTIONS.filter((name) => !answers[name]).map((name) => ({
            fieldId: idOf(name),
            label: t(`rating.${name}`),
            message: t('rating.choose'),
          })),
          ...(satisfaction
            ? []
            : [
                {
                  fieldId: idOf('satisfaction'),
                  label: t('rating.satisfaction'),
                  message: t('rating.choose'),
                },
              ]),
        ]
      : []),
    ...(serverErrors['/rating/comment']
      ? [{ fieldId: idOf('comment'), label: t('rating.comment'), message: serverErrors['/rating/comment'] }]
      : []),
  ];
  const question = (name: Question) => (
    <Radio.Group
      key={name}
      id={idOf(name)}
      label={t(`rating.${name}`)}
      required
      value={answers[name] ?? null}
      onChange={(value) => setAnswers((before) => ({ ...before, [name]: value }))}
      error={tried && !answers[name] ? t('rating.choose') : undefined}
    >
      <Stack gap={6} mt={6}>
        {SCORES.map((score) => (
          <Radio key={score} value={score} label={t(`rating.${name}Options.score${score}`)} />
        ))}
      </Stack>
    </Radio.Group>
  );

  return (
    <form
      aria-labelledby="danh-gia"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (complete) rate.mutate();
        else setAttempts((count) => count + 1);
      }}
    >
      <Stack gap="md">
        <Title order={2} size="h3" id="danh-gia">
          {t('rating.title')}
        </Title>
        <Text>{t('rating.intro')}</Text>
        <ErrorSummary errors={summary} focusKey={attempts} />
        {QUESTIONS.map(question)}
        <Radio.Group
          id={idOf('satisfaction')}
          label={t('rating.satisfaction')}
          required
          value={satisfaction}
          onChange={(value) => setSatisfaction(value)}
          error={tried && !satisfaction ? t('rating.choose') : undefined}
        >
          <Group gap="lg" mt={6}>
            {SATISFACTION.map((value) => (
              <Radio key={value} value={value} label={t(`rating.satisfactionOptions.${value}`)} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea
          id={idOf('comment')}
          label={t('rating.comment')}
          error={serverErrors['/rating/comment']}
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
          maxLength={2000}
          autosize
          minRows={2}
        />
        <ProblemAlert error={rate.error} />
        <Button type="submit" loading={rate.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('rating.submit')}
        </Button>
      </Stack>
    </form>
  );
}
