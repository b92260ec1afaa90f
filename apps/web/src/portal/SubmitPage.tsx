/**
 * Online submission: a guided form generated from the procedure's form schema, one question
 * group per step, then the uploads, then check your answers and the declaration. The draft is
 * saved on every step (created at the first one), so the citizen can resume from "Hồ sơ của tôi"
 * or /ho-so-nhap/:draftId. Mounted at /nop-ho-so/:code (new) and /ho-so-nhap/:draftId (resume).
 */
import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, call, idempotencyKey } from '../api/client';
import { useAuth } from '../auth/auth';
import { ErrorSummary } from '../components/ErrorSummary';
import { PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { VietnameseOnly } from '../components/VietnameseOnly';
import { RequireAuth } from '../components/RequireAuth';
import { formatDateTime } from '../lib/format';
import { dossierKey, draftKey, useCommunes, type Attachment, type Draft, type Procedure } from './hooks';
import { FieldInput } from './submit/FieldInput';
import { ReviewStep } from './submit/ReviewStep';
import { cleanValues, firstInvalidPage, formPages, prefill, type FormValues } from './submit/schema-form';
import { serverErrors, stepName, summaryItems, type Step } from './submit/steps';
import { SubmitLoader } from './submit/SubmitLoader';
import { UnitStep } from './submit/UnitStep';
import { UploadsStep } from './submit/UploadsStep';
import { useStepTitle, WizardProgress } from './submit/WizardProgress';
import { useStepChecks } from './submit/useStepChecks';
import {
  applicableDocuments,
  caseQuestions,
  documentChecklist,
  missingRequired,
  type Channel,
} from '@tayninh/domain/dossiers/documents';
import type { DeliveryValue } from '../components/ResultDeliveryChoice';
import { CasesStep, DeliveryStep } from './submit/DeclarationSteps';
import { declarationBody } from '../components/ResultDeliveryChoice';
import { chosenCases } from './submit/wizard-helpers';

export default function SubmitPage() {
  return (
    <RequireAuth>
      <SubmitLoader>{(procedure, draft) => <Wizard procedure={procedure} draft={draft} />}</SubmitLoader>
    </RequireAuth>
  );
}

function Wizard({ procedure, draft }: { procedure: Procedure; draft: Draft | null }) {
  const { t } = useTranslation(['portal', 'common']);
  const { user } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const pages = useMemo(() => formPages(procedure.formSchema), [procedure.formSchema]);
  const needsUnit = procedure.handlingUnit === null;
  const groups = useMemo(
    () => caseQuestions(procedure.subCases).map((question) => question.group),
    [procedure.subCases],
  );
  const steps: Step[] = useMemo(
    () => [
      ...(needsUnit ? [{ kind: 'unit' } as const] : []),
      ...(groups.length > 0 ? [{ kind: 'cases', groups } as const] : []),
      ...pages.map((page) => ({ kind: 'page', page }) as const),
      { kind: 'uploads' } as const,
      { kind: 'delivery' } as const,
      { kind: 'review' } as const,
    ],
    [needsUnit, groups, pages],
  );
  const channels = procedure.channels.map((c) => c.channel as Channel);

  const [values, setValues] = useState<FormValues>(() =>
    prefill(pages, (draft?.formData ?? {}) as FormValues, user!),
  );
  const [unitId, setUnitId] = useState<string | null>(draft?.unitId ? String(draft.unitId) : null);
  const [cases, setCases] = useState<string[]>(draft?.cases ?? []);
  const [delivery, setDelivery] = useState<DeliveryValue>({
    method: draft?.resultDelivery?.method ?? null,
    address: draft?.resultDelivery?.address ?? '',
  });
  const [step, setStep] = useState(() => {
    const requested = Number(params.get('buoc'));
    if (draft && requested >= 1 && requested <= steps.length) return requested - 1;
    if (!draft) return 0;
    const invalid = firstInvalidPage(pages, values);
    const firstPage = steps.findIndex((s) => s.kind === 'page');
    return invalid >= 0 ? firstPage + invalid : steps.length - 3;
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Sent with errors: the focus goes to the error summary (not to the step's heading).
  const [summaryFocus, setSummaryFocus] = useState(0);
  const keepFocus = useRef(false);
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
  // The documents of the chosen case, online (the e-form is the declaration).
  const documents = applicableDocuments(procedure.documents, { cases, channel: 'online' });

  // Keyboard and screen-reader users land on the new step's heading.
  useEffect(() => {
    if (firstRender.current || keepFocus.current) {
      firstRender.current = false;
      keepFocus.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  function goTo(index: number) {
    setProblem(null);
    setStep(index);
    if (draft) setParams({ buoc: String(index + 1) }, { replace: true });
  }

  const { validateStep, setValue, onBlur } = useStepChecks({
    unitId,
    subCases: procedure.subCases,
    cases,
    delivery,
    pages,
    values,
    setValues,
    errors,
    setErrors,
  });
  const showSummary = () => setSummaryFocus((count) => count + 1);

  /** Saves the draft (creating it the first time); returns its id, or null when saving failed. */
  async function save(nextStep: number): Promise<number | null> {
    setSaving(true);
    setProblem(null);
    const body = {
      formData: cleanValues(pages, values),
      ...(needsUnit && unitId ? { unitId: Number(unitId) } : {}),
      ...declarationBody(groups.length > 0, cases, delivery),
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
      showSummary();
      return;
    }
    // A new draft moves the page to /ho-so-nhap/:id?buoc=… (same component, state kept).
    if ((await save(step + 1)) !== null) goTo(step + 1);
  }

  async function submit() {
    const provided = new Set(attachments.flatMap((file) => (file.documentCode ? [file.documentCode] : [])));
    const missing = missingRequired(documentChecklist(documents, { cases, channel: 'online' }, provided));
    if (missing.length > 0) {
      setErrors({
        documents: t('submit.documentsMissing', { names: missing.map((d) => d.name).join('; ') }),
      });
      showSummary();
      return;
    }
    if (!declared) {
      setErrors({ declaration: t('submit.declarationRequired') });
      showSummary();
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

  /**
   * Server field errors go to their fields and to the error summary, and the citizen to the first
   * step with one; errors about nothing on the form stay in the problem shown above.
   */
  function showServerErrors(error: ApiError) {
    const found = serverErrors(steps, error.fieldErrors());
    if (found.step < 0) return;
    setErrors(found.errors);
    if (found.step !== step) {
      keepFocus.current = true;
      goTo(found.step);
    }
    showSummary();
  }

  const stepTitle = useStepTitle();

  const unitName =
    needsUnit && unitId
      ? (communes.data?.items.find((unit) => String(unit.id) === unitId)?.name ?? unitId)
      : null;
  const summary = summaryItems(steps, step, errors, {
    unit: t('submit.unitLabel'),
    delivery: t('common:delivery.question'),
    address: t('common:delivery.address'),
    goTo,
  });

  return (
    <Stack gap="md">
      <div>
        <PageTitle>{t('submit.title')}</PageTitle>
        <Anchor component={Link} to={`/thu-tuc/${procedure.code}`}>
          {procedure.name}
        </Anchor>
      </div>
      <VietnameseOnly />
      <WizardProgress steps={steps} step={step} goTo={goTo} />
      <Paper
        withBorder
        p={{ base: 'sm', sm: 'lg' }}
        radius="md"
        component="section"
        aria-labelledby="buoc-hien-tai"
      >
        <Stack gap="md">
          <ErrorSummary errors={summary} focusKey={summaryFocus} />
          <Title order={2} size="h3" id="buoc-hien-tai" ref={heading} tabIndex={-1}>
            <Text span size="sm" c="dimmed" hiddenFrom="md" display="block">
              {t('submit.stepOf', { current: step + 1, total: steps.length })}
            </Text>
            {stepTitle(current)}
          </Title>
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
          {current.kind === 'cases' && (
            <CasesStep
              cases={procedure.subCases}
              value={cases}
              onChange={(value) => {
                setCases(value);
                setErrors({});
              }}
              errors={errors}
            />
          )}
          {current.kind === 'delivery' && (
            <DeliveryStep
              channels={channels}
              value={delivery}
              residence={values.applicant?.address}
              onChange={(value) => {
                setDelivery(value);
                setErrors({});
              }}
              errors={errors}
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
              documents={documents}
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
              cases={chosenCases(procedure.subCases, cases)}
              delivery={delivery}
              documents={documents}
              documentsError={errors.documents}
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
              {draft && current.kind !== 'uploads' && current.kind !== 'review' && (
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
