/**
 * Online submission: a guided form generated from the procedure's form schema, one question
 * group per step, then the uploads, then check your answers and the declaration. The draft is
 * saved on every step (created at the first one), so the citizen can resume from "Hồ sơ của tôi"
 * or /ho-so-nhap/:draftId. Mounted at /nop-ho-so/:code (new) and /ho-so-nhap/:draftId (resume).
 */
import { Alert, Anchor, Button, Group, Paper, Progress, Stack, Stepper, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, api, call, idempotencyKey } from '../api/client';
import { useAuth } from '../auth/auth';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { RequireAuth } from '../components/RequireAuth';
import { formatDateTime } from '../lib/format';
import {
  dossierKey,
  draftKey,
  useCommunes,
  useProcedure,
  type Attachment,
  type Draft,
  type Procedure,
} from './hooks';
import { FieldInput, fieldId } from './submit/FieldInput';
import { problemMessage } from './submit/messages';
import { ReviewStep } from './submit/ReviewStep';
import {
  checkField,
  checkPage,
  cleanValues,
  fieldKeyOf,
  firstInvalidPage,
  formPages,
  prefill,
  type FormValues,
  type PageSpec,
} from './submit/schema-form';
import { UNIT_FIELD_ID, UnitStep } from './submit/UnitStep';
import { UploadsStep } from './submit/UploadsStep';

type Step = { kind: 'unit' } | { kind: 'page'; page: PageSpec } | { kind: 'uploads' } | { kind: 'review' };

const stepName = (step: Step) => (step.kind === 'page' ? step.page.name : step.kind);

export default function SubmitPage() {
  return (
    <RequireAuth>
      <SubmitLoader />
    </RequireAuth>
  );
}

/** Loads the procedure (and the draft when resuming) before the wizard starts. */
function SubmitLoader() {
  const { t } = useTranslation('portal');
  const { isOfficer } = useAuth();
  const params = useParams();
  const draftId = params.draftId ? Number(params.draftId) : null;
  const draft = useQuery({
    queryKey: draftKey(draftId ?? 0),
    queryFn: () => call(api.GET('/api/drafts/{id}', { params: { path: { id: draftId! } } })),
    enabled: draftId !== null && !isOfficer,
  });
  const procedure = useProcedure(draftId === null ? params.code : draft.data?.procedureCode);
  if (isOfficer)
    return (
      <Alert color="orange" role="alert">
        {t('submit.officer')}
      </Alert>
    );
  const error = draft.error ?? procedure.error;
  if (error) return <ProblemAlert error={error} />;
  if ((draftId !== null && draft.isPending) || procedure.isPending) return <Loading />;
  if (draft.data && draft.data.status !== 'draft')
    return (
      <Alert color="blue" role="status">
        {t('submit.notDraft')}{' '}
        <Anchor component={Link} to="/ho-so-cua-toi">
          {t('submit.toMyDossiers')}
        </Anchor>
      </Alert>
    );
  return <Wizard procedure={procedure.data!} draft={draft.data ?? null} />;
}

function Wizard({ procedure, draft }: { procedure: Procedure; draft: Draft | null }) {
  const { t } = useTranslation('portal');
  const { user } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const pages = useMemo(() => formPages(procedure.formSchema), [procedure.formSchema]);
  const needsUnit = procedure.handlingUnit === null;
  const steps: Step[] = useMemo(
    () => [
      ...(needsUnit ? [{ kind: 'unit' } as const] : []),
      ...pages.map((page) => ({ kind: 'page', page }) as const),
      { kind: 'uploads' } as const,
      { kind: 'review' } as const,
    ],
    [needsUnit, pages],
  );

  const [values, setValues] = useState<FormValues>(() =>
    prefill(pages, (draft?.formData ?? {}) as FormValues, user!),
  );
  const [unitId, setUnitId] = useState<string | null>(draft?.unitId ? String(draft.unitId) : null);
  const [step, setStep] = useState(() => {
    const requested = Number(params.get('buoc'));
    if (draft && requested >= 1 && requested <= steps.length) return requested - 1;
    if (!draft) return 0;
    const invalid = firstInvalidPage(pages, values);
    return invalid >= 0 ? invalid + (needsUnit ? 1 : 0) : steps.length - 2;
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [declared, setDeclared] = useState(false);
  const submitKey = useRef(idempotencyKey());
  const heading = useRef<HTMLHeadingElement>(null);
  const location = useLocation();
  // After the draft is created the page moves to /ho-so-nhap/:id: focus follows the new step.
  const firstRender = useRef(!(location.state as { focusStep?: boolean } | null)?.focusStep);
  const communes = useCommunes(needsUnit);

  const current = steps[step]!;
  const attachments: Attachment[] = draft?.attachments ?? [];

  // Keyboard and screen-reader users land on the new step's heading.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    heading.current?.focus();
    firstRender.current = false;
  }, [step]);

  function goTo(index: number) {
    setProblem(null);
    setStep(index);
    if (draft) setParams({ buoc: String(index + 1) }, { replace: true });
  }

  function validateStep(target: Step): Record<string, string> {
    if (target.kind === 'unit') return unitId ? {} : { unit: t('submit.unitRequired') };
    if (target.kind !== 'page') return {};
    const found = checkPage(target.page, values);
    return Object.fromEntries(
      target.page.fields.flatMap((spec) =>
        found[spec.key] ? [[spec.key, problemMessage(spec, found[spec.key]!)]] : [],
      ),
    );
  }

  function focusFirstError(found: Record<string, string>) {
    const first = Object.keys(found)[0];
    if (!first) return;
    const id = first === 'unit' ? UNIT_FIELD_ID : fieldId(first);
    requestAnimationFrame(() => document.getElementById(id)?.focus());
  }

  /** Saves the draft (creating it the first time); returns its id, or null when saving failed. */
  async function save(nextStep: number): Promise<number | null> {
    setSaving(true);
    setProblem(null);
    const body = {
      formData: cleanValues(pages, values),
      ...(needsUnit && unitId ? { unitId: Number(unitId) } : {}),
    };
    try {
      let saved: Draft;
      if (draft) {
        saved = await call(api.PUT('/api/drafts/{id}', { params: { path: { id: draft.id } }, body }));
      } else {
        saved = await call(api.POST('/api/drafts', { body: { procedureCode: procedure.code, ...body } }));
      }
      queryClient.setQueryData(draftKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['drafts'] });
      setSavedAt(formatDateTime(new Date()));
      if (!draft)
        void navigate(`/ho-so-nhap/${saved.id}?buoc=${nextStep + 1}`, {
          replace: true,
          state: { focusStep: true },
        });
      return saved.id;
    } catch (error) {
      setProblem(error);
      if (error instanceof ApiError && error.fieldErrors()['/unitId'])
        setErrors({ unit: error.fieldErrors()['/unitId']! });
      return null;
    } finally {
      setSaving(false);
    }
  }

  async function next() {
    const found = validateStep(current);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError(found);
      return;
    }
    // A new draft moves the page to /ho-so-nhap/:id?buoc=… (same component, state kept).
    if ((await save(step + 1)) !== null) goTo(step + 1);
  }

  async function submit() {
    if (!declared) {
      setErrors({ declaration: t('submit.declarationRequired') });
      requestAnimationFrame(() => document.getElementById('cam-doan')?.focus());
      return;
    }
    setSaving(true);
    setProblem(null);
    try {
      const dossier = await call(
        api.POST('/api/drafts/{id}/submit', {
          params: { path: { id: draft!.id } },
          headers: { 'idempotency-key': submitKey.current },
        }),
      );
      queryClient.setQueryData(dossierKey(dossier.code), dossier);
      void queryClient.invalidateQueries({ queryKey: ['drafts'] });
      void queryClient.invalidateQueries({ queryKey: ['dossiers', 'mine'] });
      void navigate(`/da-nop/${dossier.code}`);
    } catch (error) {
      setProblem(error);
      if (error instanceof ApiError) showServerErrors(error);
    } finally {
      setSaving(false);
    }
  }

  /** Server field errors go back to their fields, and the citizen to the first step with one. */
  function showServerErrors(error: ApiError) {
    const found: Record<string, string> = {};
    for (const [path, message] of Object.entries(error.fieldErrors())) {
      if (path === '/unitId') found.unit = message;
      const key = fieldKeyOf(path);
      if (key) found[key] = message;
    }
    if (Object.keys(found).length === 0) return;
    setErrors(found);
    const target = steps.findIndex((s) =>
      s.kind === 'unit' ? !!found.unit : s.kind === 'page' && s.page.fields.some((f) => found[f.key]),
    );
    if (target >= 0) goTo(target);
  }

  function setValue(page: string, name: string, value: unknown) {
    setValues((before) => ({ ...before, [page]: { ...before[page], [name]: value } }));
    const key = `${page}.${name}`;
    if (errors[key]) {
      const spec = pages.find((p) => p.name === page)?.fields.find((f) => f.name === name);
      const problem = spec ? checkField(spec, value) : null;
      setErrors((before) => {
        const { [key]: _gone, ...rest } = before;
        return problem && spec ? { ...rest, [key]: problemMessage(spec, problem) } : rest;
      });
    }
  }

  function onBlur(page: PageSpec, name: string) {
    const spec = page.fields.find((f) => f.name === name)!;
    const value = values[page.name]?.[name];
    if (value === undefined || value === '') return; // "required" waits for the Next button
    const problem = checkField(spec, value);
    setErrors((before) => {
      const { [spec.key]: _gone, ...rest } = before;
      return problem ? { ...rest, [spec.key]: problemMessage(spec, problem) } : rest;
    });
  }

  function stepTitle(s: Step): string {
    if (s.kind === 'unit') return t('submit.unit');
    if (s.kind === 'page') return s.page.title;
    return s.kind === 'uploads' ? t('submit.uploads') : t('submit.review');
  }

  const unitName =
    needsUnit && unitId
      ? (communes.data?.items.find((unit) => String(unit.id) === unitId)?.name ?? unitId)
      : null;
  const hasErrors = Object.keys(errors).some((key) => key !== 'declaration');

  return (
    <Stack gap="md">
      <div>
        <PageTitle>{t('submit.title')}</PageTitle>
        <Anchor component={Link} to={`/thu-tuc/${procedure.code}`}>
          {procedure.name}
        </Anchor>
      </div>
      <nav aria-label={t('submit.steps')}>
        <Stepper
          active={step}
          onStepClick={(index) => index < step && goTo(index)}
          size="sm"
          visibleFrom="md"
          allowNextStepsSelect={false}
        >
          {steps.map((s) => (
            <Stepper.Step key={stepName(s)} label={stepTitle(s)} />
          ))}
        </Stepper>
        <Progress
          hiddenFrom="md"
          value={((step + 1) / steps.length) * 100}
          size="sm"
          aria-label={t('submit.stepOf', { current: step + 1, total: steps.length })}
        />
      </nav>
      <Paper
        withBorder
        p={{ base: 'sm', sm: 'lg' }}
        radius="md"
        component="section"
        aria-labelledby="buoc-hien-tai"
      >
        <Stack gap="md">
          <Title order={2} size="h3" id="buoc-hien-tai" ref={heading} tabIndex={-1}>
            <Text span size="sm" c="dimmed" hiddenFrom="md" display="block">
              {t('submit.stepOf', { current: step + 1, total: steps.length })}
            </Text>
            {stepTitle(current)}
          </Title>
          {hasErrors && (
            <Alert color="red" variant="light" role="alert">
              {t('submit.fixErrors')}
            </Alert>
          )}
          <ProblemAlert
            error={problem}
            title={current.kind === 'review' ? t('submit.submitFailed') : undefined}
          />
          {current.kind === 'unit' && (
            <UnitStep
              value={unitId}
              error={errors.unit}
              onChange={(value) => {
                setUnitId(value);
                setErrors(({ unit: _cleared, ...rest }) => rest);
              }}
            />
          )}
          {current.kind === 'page' && (
            <>
              {current.page.description && <Text>{current.page.description}</Text>}
              {current.page.fields.map((spec) => (
                <FieldInput
                  key={spec.key}
                  spec={spec}
                  value={values[current.page.name]?.[spec.name]}
                  error={errors[spec.key]}
                  onChange={(value) => setValue(current.page.name, spec.name, value)}
                  onBlur={() => onBlur(current.page, spec.name)}
                />
              ))}
            </>
          )}
          {current.kind === 'uploads' && draft && (
            <UploadsStep
              draftId={draft.id}
              documents={procedure.documents}
              attachments={attachments}
              onUploaded={(attachment) =>
                queryClient.setQueryData<Draft>(draftKey(draft.id), (before) =>
                  before ? { ...before, attachments: [...before.attachments, attachment] } : before,
                )
              }
            />
          )}
          {current.kind === 'review' && (
            <ReviewStep
              pages={pages}
              values={values}
              unitName={unitName}
              documents={procedure.documents}
              attachments={attachments}
              declared={declared}
              declarationError={errors.declaration}
              onDeclared={(value) => {
                setDeclared(value);
                if (value) setErrors({});
              }}
              onEdit={(target) => goTo(steps.findIndex((s) => stepName(s) === target))}
            />
          )}
          <Group justify="space-between" gap="sm">
            {step > 0 ? (
              <Button variant="default" onClick={() => goTo(step - 1)} disabled={saving}>
                {t('submit.back')}
              </Button>
            ) : (
              <span />
            )}
            <Group gap="sm">
              {draft && (current.kind === 'page' || current.kind === 'unit') && (
                <Button variant="light" onClick={() => void save(step)} loading={saving}>
                  {t('submit.save')}
                </Button>
              )}
              {current.kind === 'review' ? (
                <Button onClick={() => void submit()} loading={saving}>
                  {t('submit.submit')}
                </Button>
              ) : (
                <Button onClick={() => void next()} loading={saving}>
                  {t('submit.next')}
                </Button>
              )}
            </Group>
          </Group>
          <Text size="sm" c="dimmed" role="status" aria-live="polite">
            {savedAt ? t('submit.savedAt', { time: savedAt }) : t('submit.resumeNote')}
          </Text>
        </Stack>
      </Paper>
    </Stack>
  );
}
