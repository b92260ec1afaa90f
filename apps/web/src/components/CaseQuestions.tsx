/**
 * The questions of a procedure's cases (trường hợp): one radio group per question, one answer
 * each. The documents asked afterwards depend on the answers (`@tayninh/domain/dossiers/documents`).
 * Used by the citizen's wizard and by the counter intake.
 */
import { Radio, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { caseQuestions, checkCaseChoice, type CaseOption } from '@tayninh/domain/dossiers/documents';

export const caseFieldId = (index: number) => `truong-hop-${index + 1}`;

/** Error messages by question (group) for the unanswered ones. */
export function caseErrors(
  cases: readonly CaseOption[],
  chosen: readonly string[],
  message: (group: string) => string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of checkCaseChoice(cases, chosen))
    if (problem.kind === 'missing' || problem.kind === 'several')
      errors[problem.group] = message(problem.group);
  return errors;
}

/** The chosen codes with `code` as the answer to `group` (other answers to that question removed). */
export function answerCase(
  cases: readonly CaseOption[],
  chosen: readonly string[],
  group: string,
  code: string,
): string[] {
  const question = caseQuestions(cases).find((q) => q.group === group);
  const others = new Set(question?.options.map((option) => option.code) ?? []);
  return [...chosen.filter((item) => !others.has(item)), code];
}

export function CaseQuestions({
  cases,
  value,
  onChange,
  errors = {},
}: {
  cases: readonly CaseOption[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  errors?: Record<string, string>;
}) {
  const { t } = useTranslation('common');
  return (
    <Stack gap="lg">
      {caseQuestions(cases).map((question, index) => (
        <Radio.Group
          key={question.group}
          id={caseFieldId(index)}
          label={question.group}
          required
          error={errors[question.group]}
          value={question.options.find((option) => value.includes(option.code))?.code ?? null}
          onChange={(code) => onChange(answerCase(cases, value, question.group, code))}
        >
          <Stack gap="xs" mt="xs">
            {question.options.map((option) => (
              <Radio key={option.code} value={option.code} label={option.name} description={option.note} />
            ))}
          </Stack>
        </Radio.Group>
      ))}
      {cases.length === 0 && <Text c="dimmed">{t('cases.none')}</Text>}
    </Stack>
  );
}
