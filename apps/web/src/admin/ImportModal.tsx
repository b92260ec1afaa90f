/**
 * Imports the catalogue from a JSON or Excel file (the export's format). The server saves all or
 * nothing; when it refuses rows, each error is listed with its row and field.
 */
import { Alert, Button, Checkbox, FileInput, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconFileUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api, call, isProblem, networkProblem, rawHeaders } from '../api/client';
import { ProblemAlert } from '../components/ProblemAlert';
import { importKind, parseImportJson, readableLocation, XLSX_TYPE } from './catalogue-import';
import { CATALOGUE_KEY } from './ProcedureEditor';
import type { ProcedureWrite } from './procedure-form';
import { notifySuccess, ReasonInput, useReasonRule } from './shared';

type Outcome = Awaited<ReturnType<typeof importJson>>;

function importJson(records: unknown[], dryRun: boolean, reason: string) {
  return call(
    api.POST('/api/admin/procedures/import', {
      params: { query: { dryRun, reason } },
      body: records as ProcedureWrite[],
    }),
  );
}

async function importXlsx(file: File, dryRun: boolean, reason: string): Promise<Outcome> {
  const url = `/api/admin/procedures/import.xlsx?dryRun=${dryRun}&reason=${encodeURIComponent(reason)}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { ...rawHeaders(true), 'content-type': XLSX_TYPE },
      body: file,
    });
  } catch {
    throw new ApiError(networkProblem());
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body as Outcome;
  throw new ApiError(isProblem(body) ? body : networkProblem(response.status));
}

export function ImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Modal opened={opened} onClose={onClose} title={t('catalogue.importTitle')} size="xl" fullScreen={phone}>
      {opened && <ImportForm onClose={onClose} />}
    </Modal>
  );
}

function ImportForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const reasonRule = useReasonRule();
  const form = useForm({
    initialValues: { file: null as File | null, dryRun: true, reason: '' },
    validate: {
      file: (file) =>
        !file
          ? t('catalogue.importFileRequired')
          : importKind(file.name)
            ? null
            : t('catalogue.importFileType'),
      reason: reasonRule,
    },
  });
  const mutation = useMutation({
    mutationFn: async (values: typeof form.values): Promise<Outcome> => {
      const file = values.file!;
      const reason = values.reason.trim();
      if (importKind(file.name) === 'xlsx') return importXlsx(file, values.dryRun, reason);
      const parsed = parseImportJson(await file.text());
      if (!parsed.ok) {
        form.setFieldError(
          'file',
          parsed.problem === 'notList'
            ? t('catalogue.importJsonNotList')
            : t('catalogue.importJsonInvalid', { message: parsed.message }),
        );
        return Promise.reject(new Error('local'));
      }
      return importJson(parsed.records, values.dryRun, reason);
    },
    onSuccess: async (outcome) => {
      if (!outcome.dryRun) {
        await queryClient.invalidateQueries({ queryKey: CATALOGUE_KEY });
        notifySuccess(t('catalogue.importDone', outcome));
      }
    },
  });
  const error = mutation.error instanceof ApiError ? mutation.error : null;
  const outcome = mutation.data;
  return (
    <form noValidate onSubmit={form.onSubmit((values) => mutation.mutate(values))}>
      <Stack>
        <Text size="sm">{t('catalogue.importIntro')}</Text>
        <FileInput
          label={t('catalogue.importFile')}
          accept=".json,.xlsx,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          required
          clearable
          leftSection={<IconFileUpload size={16} aria-hidden />}
          data-autofocus
          {...form.getInputProps('file')}
        />
        <Checkbox label={t('catalogue.dryRun')} {...form.getInputProps('dryRun', { type: 'checkbox' })} />
        <ReasonInput {...form.getInputProps('reason')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('catalogue.importSubmit')}
          </Button>
        </Group>
        {error &&
          (error.problem.errors?.length ? <RowErrors error={error} /> : <ProblemAlert error={error} />)}
        {outcome && <OutcomeReport outcome={outcome} />}
      </Stack>
    </form>
  );
}

function RowErrors({ error }: { error: ApiError }) {
  const { t, i18n } = useTranslation('admin');
  const english = i18n.language === 'en';
  const errors = error.problem.errors ?? [];
  const detail = (english ? error.problem.detail_en : error.problem.detail_vi) ?? error.problem.detail;
  return (
    <Alert
      color="red"
      variant="light"
      role="alert"
      title={t('catalogue.importErrorsTitle', { count: errors.length })}
    >
      <Stack gap="xs">
        <Text size="sm">{detail}</Text>
        <Table.ScrollContainer minWidth={480}>
          <Table withTableBorder withColumnBorders bg="white">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('catalogue.importErrorColumns.location')}</Table.Th>
                <Table.Th scope="col">{t('catalogue.importErrorColumns.message')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {errors.map((item, index) => (
                <Table.Tr key={`${item.field}:${item.code}:${index}`}>
                  <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {readableLocation(item.field)}
                  </Table.Td>
                  <Table.Td>{english ? item.message_en : item.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Alert>
  );
}

function OutcomeReport({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation('admin');
  const statusLabel = (status: string) =>
    status === 'created' || status === 'updated' || status === 'unchanged'
      ? t(`catalogue.importStatus.${status}`)
      : status;
  return (
    <Alert color={outcome.dryRun ? 'blue' : 'green'} variant="light" role="status">
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t(outcome.dryRun ? 'catalogue.importChecked' : 'catalogue.importDone', outcome)}
        </Text>
        <Table.ScrollContainer minWidth={360} mah={300}>
          <Table bg="white">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('catalogue.importResultColumns.code')}</Table.Th>
                <Table.Th scope="col">{t('catalogue.importResultColumns.status')}</Table.Th>
                <Table.Th scope="col">{t('catalogue.importResultColumns.version')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {outcome.items.map((item) => (
                <Table.Tr key={item.code}>
                  <Table.Td ff="monospace">{item.code}</Table.Td>
                  <Table.Td>{statusLabel(item.status)}</Table.Td>
                  <Table.Td>{item.version}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Alert>
  );
}
