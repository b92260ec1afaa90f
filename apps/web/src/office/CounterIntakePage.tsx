/**
 * Counter intake (tiếp nhận tại quầy): find the procedure, enter the applicant and the form, tick
 * the documents brought (optionally with scans), create the dossier, then accept it, request a
 * supplement (one notice listing everything, pre-filled from the documents not ticked) or refuse
 * it with reasons; finally print the receipt or the slip that applies.
 */
import { Button, Group, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, call, idempotencyKey } from '../api/client';
import { upload } from '../api/upload';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { Block, Decision } from './IntakeDecision';
import { applicantFromForm, formSections, missingDocuments, missingRequired } from './logic';
import { IntakeDocuments } from './IntakeDocuments';
import { CaseQuestions, caseErrors } from '../components/CaseQuestions';
import {
  declarationBody,
  deliveryErrors,
  ResultDeliveryChoice,
  type DeliveryValue,
} from '../components/ResultDeliveryChoice';
import type { Channel } from '@tayninh/domain/dossiers/documents';
import { ProcedurePicker, UnitPicker } from './pickers';
import { SchemaForm } from './SchemaForm';

const APPLICANT_FIELDS = ['fullName', 'identityNumber', 'phone', 'email', 'address'] as const;
type ApplicantFields = Record<(typeof APPLICANT_FIELDS)[number], string>;
const NO_APPLICANT: ApplicantFields = { fullName: '', identityNumber: '', phone: '', email: '', address: '' };

export default function CounterIntakePage() {
  const { t } = useTranslation(['office', 'common']);
  const [round, setRound] = useState(0);
  const [created, setCreated] = useState<{ code: string; missing: string[] } | null>(null);
  return (
    <Stack gap="lg">
      <PageTitle>{t('intake.title')}</PageTitle>
      {created ? (
        <Decision
          code={created.code}
          missing={created.missing}
          onAnother={() => {
            setCreated(null);
            setRound((value) => value + 1);
          }}
        />
      ) : (
        <IntakeForm key={round} onCreated={setCreated} />
      )}
    </Stack>
  );
}

function IntakeForm({ onCreated }: { onCreated: (created: { code: string; missing: string[] }) => void }) {
  const { t } = useTranslation(['office', 'common']);
  const queryClient = useQueryClient();
  const [procedureCode, setProcedureCode] = useState<string | null>(null);
  const [channel, setChannel] = useState<'counter' | 'post'>('counter');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [applicant, setApplicant] = useState<ApplicantFields>(NO_APPLICANT);
  const [received, setReceived] = useState<Set<string>>(new Set());
  const [scans, setScans] = useState<Record<string, File | null>>({});
  const [cases, setCases] = useState<string[]>([]);
  // At the counter the applicant usually comes back for the result.
  const [delivery, setDelivery] = useState<DeliveryValue>({ method: 'counter', address: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  // One key for this intake: a double click or a retry creates one dossier.
  const [key] = useState(idempotencyKey);

  const procedure = useQuery({
    queryKey: ['procedure', procedureCode],
    queryFn: () => call(api.GET('/api/procedures/{code}', { params: { path: { code: procedureCode! } } })),
    enabled: !!procedureCode,
    staleTime: 10 * 60_000,
  });
  const schema = procedure.data?.formSchema ?? {};
  const sections = formSections(schema);
  const hasApplicantSection = sections.some((section) => section.name === 'applicant');
  const channels = (procedure.data?.channels ?? []).filter(
    (c) => c.channel === 'counter' || c.channel === 'post',
  );
  const duration = procedure.data?.channels.find((c) => c.channel === channel)?.duration ?? null;
  const subCases = procedure.data?.subCases ?? [];
  const missing = () => missingDocuments(procedure.data?.documents ?? [], { cases, channel }, received);

  const create = useMutation({
    mutationFn: async () => {
      const person = hasApplicantSection
        ? applicantFromForm(formData)
        : Object.fromEntries(
            Object.entries(applicant)
              .map(([name, value]): [string, string] => [name, value.trim()])
              .filter(([, value]) => value !== ''),
          );
      const dossier = await call(
        api.POST('/api/dossiers', {
          params: { header: { 'idempotency-key': key } },
          body: {
            procedureCode: procedureCode!,
            channel,
            formData,
            applicant: person as { fullName: string },
            ...(unitId ? { unitId: Number(unitId) } : {}),
            ...declarationBody(subCases.length > 0, cases, delivery),
            documentsReceived: [...received],
          },
        }),
      );
      for (const [documentCode, file] of Object.entries(scans)) {
        if (!file) continue;
        try {
          await upload({
            url: `/api/dossiers/${encodeURIComponent(dossier.code)}/attachments?documentCode=${encodeURIComponent(documentCode)}`,
            file,
          });
        } catch (error) {
          notifications.show({
            color: 'orange',
            title: t('intake.uploadFailed', { name: file.name }),
            message: error instanceof ApiError ? error.problem.detail : '',
          });
        }
      }
      return dossier;
    },
    onSuccess: (dossier) => {
      notifications.show({ color: 'green', message: t('intake.created', { code: dossier.code }) });
      void queryClient.invalidateQueries({ queryKey: ['queues'] });
      onCreated({ code: dossier.code, missing: missing() });
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const mapped: Record<string, string> = {};
      for (const [field, message] of Object.entries(error.fieldErrors())) {
        if (field.startsWith('/formData')) mapped[field.slice('/formData'.length) || '/'] = message;
        else mapped[field] = message;
      }
      setErrors(mapped);
    },
  });

  const submit = () => {
    const missing: Record<string, string> = {};
    for (const field of missingRequired(sections, formData))
      missing[field.pointer] = t('intake.required', { field: field.title.toLowerCase() });
    if (!hasApplicantSection && !applicant.fullName.trim())
      missing['/applicant/fullName'] = t('intake.required', { field: t('applicant.fullName').toLowerCase() });
    Object.assign(
      missing,
      caseErrors(subCases, cases, (question) => t('common:cases.required', { question })),
      deliveryErrors(delivery, {
        method: t('common:delivery.methodRequired'),
        address: t('common:delivery.addressRequired'),
      }),
    );
    setErrors(missing);
    if (Object.keys(missing).length === 0) create.mutate();
    else
      window.requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="lg">
        <Block title={t('intake.procedureSection')}>
          <ProcedurePicker
            label={t('intake.procedure')}
            placeholder={t('intake.procedurePlaceholder')}
            description={t('intake.procedureHint')}
            nothingFoundMessage={t('intake.noProcedure')}
            required
            value={procedureCode}
            onChange={(value) => {
              setProcedureCode(value);
              setReceived(new Set());
              setScans({});
              setCases([]);
              setErrors({});
            }}
          />
          {procedure.error && <ProblemAlert error={procedure.error} />}
          {procedure.isFetching && <Loading />}
          {procedure.data && (
            <Stack gap="xs">
              <Text size="sm">
                {t('intake.handledBy', {
                  unit: procedure.data.handlingUnit?.name ?? procedure.data.implementingAgency,
                })}
              </Text>
              <Text size="sm">
                {t('intake.duration', {
                  value: duration
                    ? t(`intake.durations.${duration.unit as 'working-days'}`, { count: duration.amount })
                    : t('intake.durations.none'),
                })}
              </Text>
              {channels.length > 1 && (
                <Stack gap={4}>
                  <Text size="sm" fw={500} id="intake-channel">
                    {t('intake.channel')}
                  </Text>
                  <SegmentedControl
                    aria-labelledby="intake-channel"
                    value={channel}
                    onChange={(value) => setChannel(value as 'counter' | 'post')}
                    data={channels.map((c) => ({
                      value: c.channel,
                      label: t(`common:channel.${c.channel as 'counter'}`),
                    }))}
                    style={{ alignSelf: 'flex-start' }}
                  />
                </Stack>
              )}
              {!procedure.data.handlingUnit && (
                <UnitPicker
                  label={t('intake.commune')}
                  kind="commune"
                  required
                  value={unitId}
                  onChange={setUnitId}
                  error={errors['/unitId']}
                />
              )}
            </Stack>
          )}
        </Block>

        {procedure.data && (
          <>
            {!hasApplicantSection && (
              <Block title={t('intake.applicant')}>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  {APPLICANT_FIELDS.map((name) => (
                    <TextInput
                      key={name}
                      label={t(`applicant.${name}`)}
                      required={name === 'fullName'}
                      value={applicant[name]}
                      onChange={(event) => {
                        const value = event.currentTarget.value;
                        setApplicant((old) => ({ ...old, [name]: value }));
                      }}
                      error={errors[`/applicant/${name}`]}
                    />
                  ))}
                </SimpleGrid>
              </Block>
            )}
            <Block title={t('intake.form')}>
              <SchemaForm schema={schema} value={formData} onChange={setFormData} errors={errors} />
            </Block>
            {subCases.length > 0 && (
              <Block title={t('common:cases.title')}>
                <CaseQuestions cases={subCases} value={cases} onChange={setCases} errors={errors} />
              </Block>
            )}
            <Block title={t('intake.documents')}>
              <IntakeDocuments
                documents={procedure.data.documents}
                cases={cases}
                channel={channel}
                received={received}
                onReceived={setReceived}
                scans={scans}
                onScan={(code, file) => setScans((old) => ({ ...old, [code]: file }))}
              />
            </Block>
            <Block title={t('common:delivery.title')}>
              <ResultDeliveryChoice
                channels={procedure.data.channels.map((c) => c.channel as Channel)}
                value={delivery}
                onChange={setDelivery}
                errors={errors}
              />
            </Block>
            {create.error && <ProblemAlert error={create.error} />}
            <Group>
              <Button type="submit" size="md" loading={create.isPending}>
                {t('intake.create')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </form>
  );
}
