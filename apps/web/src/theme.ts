import { createTheme } from '@mantine/core';

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
    Anchor: { defaultProps: { c: 'blue.8' } },
  },
});
