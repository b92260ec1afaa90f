import { Alert, Button, Checkbox, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../lib/format';
import type { Attachment, Procedure } from '../hooks';
import type { FieldSpec, FormValues, PageSpec } from './schema-form';
import type { DeliveryValue } from '../../components/ResultDeliveryChoice';
import { MISSING_DOCUMENTS_ID } from './steps';

function display(spec: FieldSpec, value: unknown, yes: string, no: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (spec.kind === 'date' && typeof value === 'string') return formatDate(value);
  if (spec.kind === 'boolean') return value === true ? yes : no;
  if ((spec.kind === 'number' || spec.kind === 'integer') && typeof value === 'number')
    return formatNumber(value, spec.kind === 'number' ? 2 : 0).replace(/,00$/, '');
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

function Section({
  title,
  onEdit,
  children,
}: {
  title: string;
  onEdit: () => void;
  children: React.ReactNode;
}) {
  const { t } = useTranslation('portal');
  return (
    <Paper withBorder p="md" radius="md" component="section">
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="xs">
        <Title order={3} size="h4">
          {title}
        </Title>
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={onEdit}
          aria-label={t('submit.editSection', { section: title })}
        >
          {t('submit.edit')}
        </Button>
      </Group>
      {children}
    </Paper>
  );
}

interface Props {
  pages: PageSpec[];
  values: FormValues;
  unitName: string | null;
  /** The cases chosen, with their question (none when the procedure has no cases). */
  cases: Array<{ code: string; group: string; name: string }>;
  delivery: DeliveryValue;
  /** The documents of the chosen case (online). */
  documents: Procedure['documents'];
  /** Set when the citizen tried to submit with a required document missing. */
  documentsError: string | undefined;
  attachments: Attachment[];
  declared: boolean;
  declarationError: string | undefined;
  onDeclared: (value: boolean) => void;
  /** Go back to a step: 'unit', a page name, or 'uploads'. */
  onEdit: (target: string) => void;
}

/** Check your answers, then the declaration. */
export function ReviewStep(props: Props) {
  const { t } = useTranslation(['portal', 'common']);
  const { pages, values, unitName, cases, delivery, documents, attachments } = props;
  const missing = documents.filter(
    (document) => document.required && !attachments.some((a) => a.documentCode === document.code),
  );
  return (
    <Stack gap="md">
      <Text>{t('submit.reviewIntro')}</Text>
      {unitName !== null && (
        <Section title={t('submit.unit')} onEdit={() => props.onEdit('unit')}>
          <Text>{unitName}</Text>
        </Section>
      )}
      {cases.length > 0 && (
        <Section title={t('submit.reviewCases')} onEdit={() => props.onEdit('cases')}>
          <Stack gap={6} component="dl" m={0}>
            {cases.map((item) => (
              <div key={item.code}>
                <Text component="dt" size="sm" c="dimmed">
                  {item.group}
                </Text>
                <Text component="dd" m={0}>
                  {item.name}
                </Text>
              </div>
            ))}
          </Stack>
        </Section>
      )}
      {pages.map((page) => (
        <Section key={page.name} title={page.title} onEdit={() => props.onEdit(page.name)}>
          <Stack gap={6} component="dl" m={0}>
            {page.fields.map((spec) => {
              const shown = display(
                spec,
                values[page.name]?.[spec.name],
                t('validation.yes'),
                t('validation.no'),
              );
              return (
                <div key={spec.key}>
                  <Text component="dt" size="sm" c="dimmed">
                    {spec.title}
                  </Text>
                  <Text
                    component="dd"
                    m={0}
                    fs={shown === null ? 'italic' : undefined}
                    c={shown === null ? 'dimmed' : undefined}
                  >
                    {shown ?? t('submit.empty')}
                  </Text>
                </div>
              );
            })}
          </Stack>
        </Section>
      ))}
      <Section title={t('submit.attachments')} onEdit={() => props.onEdit('uploads')}>
        {attachments.length === 0 ? (
          <Text c="dimmed">{t('submit.noDocumentsAttached')}</Text>
        ) : (
          <List size="sm">
            {attachments.map((attachment) => (
              <List.Item key={attachment.id}>
                {attachment.fileName}
                {attachment.documentCode && (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    —{' '}
                    {documents.find((d) => d.code === attachment.documentCode)?.name ??
                      attachment.documentCode}
                  </Text>
                )}
              </List.Item>
            ))}
          </List>
        )}
        {missing.length > 0 && (
          <Alert
            id={MISSING_DOCUMENTS_ID}
            tabIndex={-1}
            color={props.documentsError ? 'red' : 'yellow'}
            variant="light"
            mt="sm"
            role={props.documentsError ? 'alert' : undefined}
            title={t('submit.documentsMissingTitle')}
          >
            <Stack gap="xs" align="flex-start">
              <Text size="sm">
                {t('submit.documentsMissing', { names: missing.map((d) => d.name).join('; ') })}
              </Text>
              <Button size="compact-sm" variant="light" onClick={() => props.onEdit('uploads')}>
                {t('submit.uploads')}
              </Button>
            </Stack>
          </Alert>
        )}
      </Section>
      {delivery.method && (
        <Section title={t('submit.reviewDelivery')} onEdit={() => props.onEdit('delivery')}>
          <Text>{t(`common:delivery.${delivery.method}`)}</Text>
          {delivery.method === 'post' && (
            <Text size="sm" c="dimmed">
              {delivery.address}
            </Text>
          )}
        </Section>
      )}
      <Checkbox
        id="cam-doan"
        label={t('submit.declaration')}
        checked={props.declared}
        onChange={(event) => props.onDeclared(event.currentTarget.checked)}
        error={props.declarationError}
        required
      />
    </Stack>
  );
}
