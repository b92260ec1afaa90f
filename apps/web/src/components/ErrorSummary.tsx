/**
 * The error summary of a form (the GOV.UK Design System's "Error summary" pattern): a box at the
 * top headed "Có lỗi cần sửa", one link per error, in the order of the fields; a link moves the
 * focus to its field (and scrolls its label into view). When a form is sent with errors, the focus
 * moves to the box, so keyboard and screen-reader users hear what is wrong and can go to it.
 * Every form a citizen fills in uses it, with the same inline messages beside the fields.
 */
import { Anchor, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { summaryText } from './error-summary-text';

export interface ErrorSummaryItem {
  /** The id of the field's input (or of the wrapper of a group of radio buttons). */
  fieldId: string;
  message: string;
  /** The field's label, prefixed to the message when the message does not name the field. */
  label?: string;
  /** Makes the field visible first (e.g. the wizard goes back to the step that holds it). */
  reveal?: () => void;
}

interface Props {
  errors: readonly ErrorSummaryItem[];
  /**
   * Increase it each time the form is sent with errors: the focus then moves to the summary (after
   * it is drawn). Unchanged, the summary updates its list without taking the focus.
   */
  focusKey: number;
  title?: string;
}

const FOCUSABLE = 'input:not([type=hidden]):not([disabled]), select, textarea, button';

/** Moves the focus to a field and brings its label (or group legend) into view. */
export function focusField(fieldId: string): boolean {
  const target = document.getElementById(fieldId);
  if (!target) return false;
  const input = target.matches(FOCUSABLE) ? target : target.querySelector<HTMLElement>(FOCUSABLE);
  (input ?? target).focus({ preventScroll: true });
  const label =
    document.querySelector(`label[for="${CSS.escape(fieldId)}"]`) ??
    document.getElementById(`${fieldId}-label`) ??
    target;
  label.scrollIntoView({ block: 'center' });
  return true;
}

/** Focuses a field that may appear only after the next renders (a step of the wizard). */
function focusWhenShown(fieldId: string, frames = 20) {
  if (focusField(fieldId) || frames === 0) return;
  requestAnimationFrame(() => focusWhenShown(fieldId, frames - 1));
}

export function ErrorSummary({ errors, focusKey, title }: Props) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const shown = errors.length > 0;

  useEffect(() => {
    // Only a new attempt moves the focus, not a change of the list while the user corrects it.
    if (focusKey > 0) box.current?.focus();
  }, [focusKey]);

  if (!shown) return null;
  return (
    <Paper
      ref={box}
      tabIndex={-1}
      aria-labelledby={headingId}
      withBorder
      p="md"
      radius="sm"
      data-testid="error-summary"
      style={{ border: '4px solid var(--mantine-color-red-9)' }}
    >
      <Stack gap="xs" role="alert">
        <Title order={2} size="h4" id={headingId}>
          {title ?? t('errorSummary.title')}
        </Title>
        <Text size="sm">{t('errorSummary.intro')}</Text>
        <List size="sm" spacing={4}>
          {errors.map((error) => (
            <List.Item key={error.fieldId}>
              <Anchor
                href={`#${error.fieldId}`}
                c="red.9"
                fw={600}
                onClick={(event) => {
                  event.preventDefault();
                  error.reveal?.();
                  focusWhenShown(error.fieldId);
                }}
              >
                {summaryText(error.label, error.message)}
              </Anchor>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Paper>
  );
}
