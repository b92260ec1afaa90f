/** Where the citizen is in the wizard: the steps (wide screens) or a progress bar (phones). */
import { Progress, Stepper } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { stepName, type Step } from './steps';

/** The title of a step, as the stepper and the step's heading show it. */
export function useStepTitle() {
  const { t } = useTranslation(['portal', 'common']);
  return (s: Step): string => {
    if (s.kind === 'unit') return t('submit.unit');
    if (s.kind === 'cases') return t('common:cases.title');
    if (s.kind === 'page') return s.page.title;
    if (s.kind === 'delivery') return t('common:delivery.title');
    return s.kind === 'uploads' ? t('submit.uploads') : t('submit.review');
  };
}

export function WizardProgress({
  steps,
  step,
  goTo,
}: {
  steps: readonly Step[];
  step: number;
  goTo: (index: number) => void;
}) {
  const { t } = useTranslation('portal');
  const stepTitle = useStepTitle();
  return (
    <nav aria-label={t('submit.steps')}>
      <Stepper
        active={step}
        onStepClick={(index) => index < step && goTo(index)}
        size="sm"
        visibleFrom="md"
        allowNextStepsSelect={false}
      >
        {steps.map((s) => (
          <Stepper.Step key={stepName(s)} label={stepTitle(s)} />
        ))}
      </Stepper>
      <Progress
        hiddenFrom="md"
        value={((step + 1) / steps.length) * 100}
        size="sm"
        aria-label={t('submit.stepOf', { current: step + 1, total: steps.length })}
      />
    </nav>
  );
}
