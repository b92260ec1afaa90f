/**
 * A simple generic rendering of an application form's JSON Schema: one fieldset per section,
 * one labelled control per property. Server errors (JSON Pointers under /formData) show on their
 * field.
 */
import {
  Checkbox,
  Fieldset,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate, todayIso } from '../lib/format';
import { DateField } from './DateField';
import { formSections, setValueAt, valueAt, type FormField } from './logic';

interface Props {
  schema: unknown;
  value: Record<string, unknown>;
  onChange: (value: Record<string, unknown>) => void;
  /** Errors by pointer inside formData (/applicant/fullName). */
  errors?: Record<string, string>;
}

export function SchemaForm({ schema, value, onChange, errors = {} }: Props) {
  const sections = formSections(schema);
  return (
    <Stack gap="md">
      {sections.map((section) => (
        <Fieldset key={section.name || '_'} legend={section.title || undefined}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {section.fields.map((field) => (
              <FieldControl
                key={field.pointer}
                field={field}
                value={valueAt(value, field.path)}
                error={errors[field.pointer]}
                onChange={(next) => onChange(setValueAt(value, field.path, next))}
              />
            ))}
          </SimpleGrid>
        </Fieldset>
      ))}
    </Stack>
  );
}

function FieldControl({
  field,
  value,
  error,
  onChange,
}: {
  field: FormField;
  value: unknown;
  error: string | undefined;
  onChange: (value: unknown) => void;
}) {
  const common = {
    label: field.title,
    description: field.description,
    required: field.required,
    error,
  };
  switch (field.kind) {
    case 'select':
      return (
        <Select
          {...common}
          data={field.options ?? []}
          value={typeof value === 'string' ? value : null}
          onChange={(next) => onChange(next)}
          clearable={!field.required}
        />
      );
    case 'boolean':
      return (
        <Checkbox
          label={field.title}
          description={field.description}
          error={error}
          checked={value === true}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
      );
    case 'number':
    case 'integer':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          allowDecimal={field.kind === 'number'}
          decimalSeparator=","
          thousandSeparator="."
          onChange={(next) => onChange(typeof next === 'number' ? next : undefined)}
        />
      );
    case 'date':
      return (
        <DateField
          {...common}
          // A date of birth cannot be picked in the future (the server refuses it too).
          maxDate={field.notFuture ? todayIso() : undefined}
          value={typeof value === 'string' ? value : null}
          onChange={(next) => onChange(next ?? undefined)}
        />
      );
    case 'textarea':
      return (
        <Textarea
          {...common}
          autosize
          minRows={2}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.currentTarget.value)}
          style={{ gridColumn: '1 / -1' }}
        />
      );
    default:
      return (
        <TextInput
          {...common}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      );
  }
}

/** The form data as read-only label/value pairs, labels from the schema. */
export function FormDataView({ schema, data }: { schema: unknown; data: Record<string, unknown> }) {
  const { t } = useTranslation('office');
  const sections = formSections(schema);
  const known = new Set(sections.flatMap((section) => section.fields.map((field) => field.path[0])));
  const extra = Object.keys(data).filter((key) => !known.has(key));
  const show = (field: FormField, value: unknown): string => {
    if (value === undefined || value === null || value === '') return t('dossier.emptyValue');
    if (field.kind === 'date' && typeof value === 'string') return formatDate(value);
    if (typeof value === 'boolean') return value ? t('dossier.yes') : t('dossier.no');
    if (typeof value === 'number') return new Intl.NumberFormat('vi-VN').format(value);
    return typeof value === 'string' ? value : JSON.stringify(value);
  };
  return (
    <Stack gap="sm">
      {sections.map((section) => (
        <Stack key={section.name || '_'} gap={4}>
          {section.title && (
            <Text fw={700} size="sm" component="h3">
              {section.title}
            </Text>
          )}
          <dl
            style={{
              margin: 0,
              display: 'grid',
              gridTemplateColumns: 'minmax(8rem, 16rem) 1fr',
              gap: '4px 12px',
            }}
          >
            {section.fields.map((field) => (
              <div key={field.pointer} style={{ display: 'contents' }}>
                <Text component="dt" size="sm" c="dimmed">
                  {field.title}
                </Text>
                <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
                  {show(field, valueAt(data, field.path))}
                </Text>
              </div>
            ))}
          </dl>
        </Stack>
      ))}
      {extra.length > 0 && (
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {extra.map((key) => `${key}: ${JSON.stringify(data[key])}`).join('; ')}
        </Text>
      )}
    </Stack>
  );
}
