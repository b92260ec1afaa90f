/**
 * How the applicant wants the result: in person at the one-stop counter, by public postal
 * service (to an address), or electronically on the portal — the ways the procedure offers
 * (`deliveryMethodsFor`). Used by the citizen's wizard and by the counter intake.
 */
import { Radio, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  deliveryMethodsFor,
  type Channel,
  type ResultDeliveryMethod,
} from '@tayninh/domain/dossiers/documents';

export const DELIVERY_FIELD_ID = 'hinh-thuc-nhan-ket-qua';
export const DELIVERY_ADDRESS_ID = 'dia-chi-nhan-ket-qua';

export interface DeliveryValue {
  method: ResultDeliveryMethod | null;
  address: string;
}

/** The problems of a choice: none made, or post without an address. */
export function deliveryErrors(
  value: DeliveryValue,
  messages: { method: string; address: string },
): Record<string, string> {
  if (!value.method) return { [DELIVERY_FIELD_ID]: messages.method };
  if (value.method === 'post' && !value.address.trim()) return { [DELIVERY_ADDRESS_ID]: messages.address };
  return {};
}

/** The request body's part for the declaration: the case chosen and how the result is wanted (the
 * portal's draft saves and the counter's intake send the same). */
export function declarationBody(hasCases: boolean, cases: string[], delivery: DeliveryValue) {
  return {
    ...(hasCases ? { cases } : {}),
    ...(delivery.method
      ? {
          resultDelivery: {
            method: delivery.method,
            ...(delivery.method === 'post' && delivery.address.trim()
              ? { address: delivery.address.trim() }
              : {}),
          },
        }
      : {}),
  };
}

export function ResultDeliveryChoice({
  channels,
  value,
  onChange,
  errors = {},
}: {
  channels: readonly Channel[];
  value: DeliveryValue;
  onChange: (value: DeliveryValue) => void;
  errors?: Record<string, string>;
}) {
  const { t } = useTranslation('common');
  return (
    <Stack gap="md">
      <Radio.Group
        id={DELIVERY_FIELD_ID}
        label={t('delivery.question')}
        required
        error={errors[DELIVERY_FIELD_ID]}
        value={value.method}
        onChange={(method) => onChange({ ...value, method: method })}
      >
        <Stack gap="xs" mt="xs">
          {deliveryMethodsFor(channels).map((method) => (
            <Radio
              key={method}
              value={method}
              label={t(`delivery.${method}`)}
              description={t(`delivery.${method}Hint`)}
            />
          ))}
        </Stack>
      </Radio.Group>
      {value.method === 'post' && (
        <TextInput
          id={DELIVERY_ADDRESS_ID}
          label={t('delivery.address')}
          description={t('delivery.addressHint')}
          required
          maxLength={500}
          value={value.address}
          onChange={(event) => onChange({ ...value, address: event.currentTarget.value })}
          error={errors[DELIVERY_ADDRESS_ID]}
        />
      )}
    </Stack>
  );
}
