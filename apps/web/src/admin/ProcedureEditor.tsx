import { useCalendarLabels } from '../components/calendar-labels';
/** Edits a procedure's main fields and saves them as a new version from a chosen date. */
import {
  Alert,
  Button,
  Drawer,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { Loading } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate, todayIso } from '../lib/format';
import { ChannelsFields } from './ChannelsFields';
import { DATE_FORMAT } from './dates';
import { DocumentsFields } from './DocumentsFields';
import {
  LEVELS,
  ONLINE_CLASSES,
  procedureProblems,
  toFormValues,
  toWrite,
  type FormProblem,
  type Procedure,
  type ProcedureFormValues,
} from './procedure-form';
import { notifySuccess, ReasonInput } from './shared';
import { useProcedureLabels } from './useProcedureLabels';

export const CATALOGUE_KEY = ['admin', 'catalogue'] as const;

export function ProcedureEditor({ code, onClose }: { code: string | null; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const phone = useMediaQuery('(max-width: 48em)');
  const query = useQuery({
    queryKey: [...CATALOGUE_KEY, 'procedure', code],
    queryFn: () => call(api.GET('/api/procedures/{code}', { params: { path: { code: code! } } })),
    enabled: code !== null,
  });
  return (
    <Drawer
      opened={code !== null}
      onClose={onClose}
      position="right"
      size={phone ? '100%' : 'xl'}
      title={code ? t('catalogue.editor.title', { code }) : ''}
    >
      {query.isPending && code !== null && <Loading />}
      <ProblemAlert error={query.error} />
      {query.data && <EditorForm key={query.data.versionId} procedure={query.data} onClose={onClose} />}
    </Drawer>
  );
}

function useProblemMessage() {
  const { t } = useTranslation('admin');
  const fields: Record<string, string> = {
    name: t('catalogue.editor.name'),
    field: t('catalogue.editor.field'),
    implementingAgency: t('catalogue.editor.implementingAgency'),
    result: t('catalogue.editor.result'),
    effectiveFrom: t('catalogue.editor.effectiveFrom'),
    feeName: t('catalogue.editor.feeName'),
    documentName: t('catalogue.editor.documentNameField'),
  };
  return (problem: FormProblem): string => {
    switch (problem.key) {
      case 'required':
        return t('common.required', { field: (fields[problem.field ?? ''] ?? '').toLowerCase() });
      case 'levelsRequired':
        return t('catalogue.editor.levelsRequired');
      case 'oneChannel':
        return t('catalogue.editor.oneChannel');
      case 'onlineChannelNeeded':
        return t('catalogue.editor.onlineChannelNeeded');
      case 'amountInvalid':
        return t('catalogue.editor.amountInvalid');
      case 'effectiveFromTooEarly':
        return t('catalogue.editor.effectiveFromTooEarly', { date: formatDate(problem.date) });
      case 'reasonRequired':
        return t('common.reasonRequired');
    }
  };
}

function EditorForm({ procedure, onClose }: { procedure: Procedure; onClose: () => void }) {
  const calendarLabels = useCalendarLabels();
  const { t } = useTranslation('admin');
  const labels = useProcedureLabels();
  const queryClient = useQueryClient();
  const message = useProblemMessage();
  const form = useForm<ProcedureFormValues>({
    initialValues: toFormValues(procedure, todayIso()),
    validate: (values) =>
      Object.fromEntries(
        Object.entries(procedureProblems(values, procedure.effectiveFrom)).map(([path, problem]) => [
          path,
          message(problem),
        ]),
      ),
  });
  const mutation = useMutation({
    mutationFn: (values: ProcedureFormValues) =>
      call(
        api.PUT('/api/admin/procedures/{code}', {
          params: { path: { code: procedure.code } },
          body: toWrite(procedure, values),
        }),
      ),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: CATALOGUE_KEY });
      notifySuccess(
        result.status === 'unchanged'
          ? t('catalogue.unchanged', { code: procedure.code })
          : t('catalogue.saved', { code: procedure.code, version: result.procedure.version }),
      );
      onClose();
    },
  });
  return (
    <form noValidate onSubmit={form.onSubmit((values) => mutation.mutate(values))}>
      <Stack gap="lg">
        <Stack gap="sm" component="section">
          <Title order={3} size="h4">
            {t('catalogue.editor.general')}
          </Title>
          <Textarea
            label={t('catalogue.editor.name')}
            required
            autosize
            minRows={2}
            data-autofocus
            {...form.getInputProps('name')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('catalogue.editor.field')} required {...form.getInputProps('field')} />
            <MultiSelect
              label={t('catalogue.editor.levels')}
              required
              data={LEVELS.map((level) => ({ value: level, label: labels.level(level) }))}
              {...form.getInputProps('levels')}
            />
          </SimpleGrid>
          <Textarea
            label={t('catalogue.editor.implementingAgency')}
            required
            autosize
            {...form.getInputProps('implementingAgency')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('catalogue.editor.onlineLevel')}
              placeholder={t('catalogue.noOnlineLevel')}
              clearable
              data={['1', '2', '3', '4'].map((level) => ({
                value: level,
                label: labels.onlineLevel(Number(level)),
              }))}
              {...form.getInputProps('onlineLevel')}
            />
            <Select
              label={t('catalogue.editor.onlineClass')}
              placeholder={t('catalogue.noOnlineLevel')}
              clearable
              data={ONLINE_CLASSES.map((value) => ({ value, label: labels.onlineClass(value) }))}
              {...form.getInputProps('onlineClass')}
            />
          </SimpleGrid>
        </Stack>
        <ChannelsFields form={form} />
        <DocumentsFields form={form} />
        <Stack gap="sm" component="section">
          <Textarea
            label={t('catalogue.editor.result')}
            required
            autosize
            {...form.getInputProps('result')}
          />
          <Textarea
            label={t('catalogue.editor.legalBasis')}
            description={t('catalogue.editor.legalBasisHint')}
            autosize
            minRows={3}
            {...form.getInputProps('legalBasis')}
          />
          <Textarea
            label={t('catalogue.editor.requirements')}
            description={t('catalogue.editor.requirementsHint')}
            autosize
            {...form.getInputProps('requirements')}
          />
          <Textarea
            label={t('catalogue.editor.notes')}
            description={t('catalogue.editor.notesHint')}
            autosize
            {...form.getInputProps('notes')}
          />
          <TextInput label={t('catalogue.editor.decision')} {...form.getInputProps('decision')} />
          <DatePickerInput
            ariaLabels={calendarLabels}
            label={t('catalogue.editor.effectiveFrom')}
            description={t('catalogue.editor.effectiveFromHint')}
            required
            valueFormat={DATE_FORMAT}
            minDate={procedure.effectiveFrom}
            {...form.getInputProps('effectiveFrom')}
            onChange={(value) => form.setFieldValue('effectiveFrom', value ?? '')}
          />
          {procedure.steps.length > 0 && (
            <Alert color="blue" variant="light">
              {t('catalogue.editor.stepsNote')}
            </Alert>
          )}
          <ReasonInput {...form.getInputProps('reason')} />
        </Stack>
        <ProblemAlert error={mutation.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('catalogue.editor.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
