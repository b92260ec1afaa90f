import { NumberInput, Radio, Select, Group, Switch, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { vietnamToday, type FieldSpec } from './schema-form';

export const fieldId = (key: string) => `truong-${key.replace(/\./g, '-')}`;

interface Props {
  spec: FieldSpec;
  value: unknown;
  error: string | undefined;
  onChange: (value: unknown) => void;
  onBlur: () => void;
}

/** One question of the online form, with its visible label, hint and error tied to it. */
export function FieldInput({ spec, value, error, onChange, onBlur }: Props) {
  const { t } = useTranslation('portal');
  const common = {
    id: fieldId(spec.key),
    label: spec.title,
    description: spec.description ?? undefined,
    required: spec.required,
    error,
    onBlur,
  };
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
  switch (spec.kind) {
    case 'select':
      return spec.options.length <= 4 ? (
        <Radio.Group {...common} value={text} onChange={onChange}>
          <Group mt={6} gap="lg">
            {spec.options.map((option) => (
              <Radio key={option} value={option} label={option} />
            ))}
          </Group>
        </Radio.Group>
      ) : (
        <Select
          {...common}
          data={spec.options}
          value={text || null}
          onChange={(next) => onChange(next ?? '')}
          searchable
        />
      );
    case 'boolean':
      return (
        <Switch
          {...common}
          checked={value === true}
          onChange={(event) => onChange(event.currentTarget.checked)}
          onLabel={t('validation.yes')}
          offLabel={t('validation.no')}
        />
      );
    case 'number':
    case 'integer':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : text}
          onChange={onChange}
          allowDecimal={spec.kind === 'number'}
          decimalSeparator=","
          thousandSeparator="."
          hideControls
          inputMode={spec.kind === 'integer' ? 'numeric' : 'decimal'}
        />
      );
    case 'textarea':
      return (
        <Textarea
          {...common}
          value={text}
          onChange={(event) => onChange(event.currentTarget.value)}
          autosize
          minRows={3}
          maxLength={spec.maxLength}
        />
      );
    default:
      return (
        <TextInput
          {...common}
          type={
            spec.kind === 'date'
              ? 'date'
              : spec.kind === 'email'
                ? 'email'
                : spec.name === 'phone'
                  ? 'tel'
                  : 'text'
          }
          value={text}
          onChange={(event) => onChange(event.currentTarget.value)}
          maxLength={spec.maxLength}
          max={spec.kind === 'date' && spec.notFuture ? vietnamToday() : undefined}
          autoComplete={autoComplete(spec.name)}
          inputMode={spec.pattern === '^[0-9]{12}$' ? 'numeric' : undefined}
        />
      );
  }
}

function autoComplete(name: string): string | undefined {
  const known: Record<string, string> = {
    fullName: 'name',
    phone: 'tel',
    email: 'email',
    birthDate: 'bday',
    address: 'street-address',
  };
  return known[name] ?? 'off';
}
