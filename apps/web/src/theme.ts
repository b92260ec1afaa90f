import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * Red and gold of the province's identity, with text colours that keep WCAG AA contrast
 * (primary shade 8 on white ≥ 4.5:1). System fonts: every modern OS ships one with full
 * Vietnamese coverage, and nothing is downloaded for the first page.
 */
export const theme = createTheme({
  primaryColor: 'red',
  primaryShade: { light: 8, dark: 6 },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'sm',
  focusRing: 'auto',
  components: {
    // Links are underlined: colour alone does not tell them from text (WCAG 1.4.1).
    Anchor: { defaultProps: { c: 'blue.8', underline: 'always' } },
  },
});

/** "Dimmed" text at gray 7 (#495057, 8:1 on white) instead of gray 6 (3.3:1, below WCAG AA). */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});
