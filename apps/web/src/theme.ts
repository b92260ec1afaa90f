import {
  createTheme,
  darken,
  defaultVariantColorsResolver,
  parseThemeColor,
  type CSSVariablesResolver,
  type VariantColorsResolver,
} from '@mantine/core';

/**
 * Mantine's "light" variant (badges, alerts, light buttons) draws shade 6–9 text on shade 0
 * backgrounds, which for orange, yellow, teal and others is below WCAG AA (4.5:1); darken the
 * text instead of giving up the soft backgrounds.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant !== 'light') return colors;
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return colors;
  const shade9 = input.theme.colors[parsed.color]?.[9];
  return shade9 ? { ...colors, color: darken(shade9, 0.4), hoverColor: darken(shade9, 0.4) } : colors;
};

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
  variantColorResolver,
  components: {
    // Links are underlined: colour alone does not tell them from text (WCAG 1.4.1).
    Anchor: { defaultProps: { c: 'blue.9', underline: 'always' } },
  },
});

/**
 * "Dimmed" and placeholder text at gray 7 (#495057, 8:1 on white) instead of gray 6 and 5 (3.3:1
 * and 2:1, below WCAG AA). Error text (inline field errors, their red borders, required asterisks)
 * at red 9 (#c92a2a, 5.4:1 on white, 5.2:1 on the light red of alerts) instead of red 6 (#fa5252,
 * 3.3:1), for WCAG 1.4.3.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});
