/**
 * The wizard's checks: a step's errors before going on, and the form fields checked again as the
 * citizen types (a field in error) or leaves it (a field filled in).
 */
import type { Dispatch, SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseOption } from '@tayninh/domain/dossiers/documents';
import { caseErrors } from '../../components/CaseQuestions';
import { deliveryErrors, type DeliveryValue } from '../../components/ResultDeliveryChoice';
import { problemMessage } from './messages';
import { checkField, checkPage, type FormValues, type PageSpec } from './schema-form';
import type { Step, WizardErrors } from './steps';
import { prefixed } from './wizard-helpers';

interface State {
  unitId: string | null;
  subCases: readonly CaseOption[];
  cases: readonly string[];
  delivery: DeliveryValue;
  pages: readonly PageSpec[];
  values: FormValues;
  setValues: Dispatch<SetStateAction<FormValues>>;
  errors: WizardErrors;
  setErrors: Dispatch<SetStateAction<WizardErrors>>;
}

export function useStepChecks(state: State) {
  const { t } = useTranslation(['portal', 'common']);
  const { pages, values, errors, setErrors } = state;

  function validateStep(target: Step): WizardErrors {
    if (target.kind === 'unit') return state.unitId ? {} : { unit: t('submit.unitRequired') };
    if (target.kind === 'cases')
      return prefixed(
        'case:',
        caseErrors(state.subCases, state.cases, (question) => t('common:cases.required', { question })),
      );
    if (target.kind === 'delivery')
      return deliveryErrors(state.delivery, {
        method: t('common:delivery.methodRequired'),
        address: t('common:delivery.addressRequired'),
      });
    if (target.kind !== 'page') return {};
    const found = checkPage(target.page, values);
    return Object.fromEntries(
      target.page.fields.flatMap((spec) =>
        found[spec.key] ? [[spec.key, problemMessage(spec, found[spec.key]!)]] : [],
      ),
    );
  }

  function setValue(page: string, name: string, value: unknown) {
    state.setValues((before) => ({ ...before, [page]: { ...before[page], [name]: value } }));
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

  return { validateStep, setValue, onBlur };
}
