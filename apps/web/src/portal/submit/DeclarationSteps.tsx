/** The wizard's steps around the form: which case applies, and how the result is wanted. */
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseOption, Channel } from '@tayninh/domain/dossiers/documents';
import { CaseQuestions } from '../../components/CaseQuestions';
import { ResultDeliveryChoice, type DeliveryValue } from '../../components/ResultDeliveryChoice';
import { unprefixed } from './wizard-helpers';

export function CasesStep(props: {
  cases: readonly CaseOption[];
  value: string[];
  onChange: (value: string[]) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation('common');
  return (
    <>
      <Text>{t('cases.intro')}</Text>
      <CaseQuestions
        cases={props.cases}
        value={props.value}
        onChange={props.onChange}
        errors={unprefixed('case:', props.errors)}
      />
    </>
  );
}

/** The postal address defaults to the residence declared on the form. */
export function DeliveryStep(props: {
  channels: readonly Channel[];
  value: DeliveryValue;
  residence: unknown;
  onChange: (value: DeliveryValue) => void;
  errors: Record<string, string>;
}) {
  const residence = typeof props.residence === 'string' ? props.residence : '';
  return (
    <ResultDeliveryChoice
      channels={props.channels}
      value={{ ...props.value, address: props.value.address || residence }}
      onChange={props.onChange}
      errors={props.errors}
    />
  );
}
