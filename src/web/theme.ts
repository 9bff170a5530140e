/**
 * The Mantine theme. Colours carry meaning in this app: the psychotherapy note is always
 * `PRIVATE_COLOR` (never used for anything else), errors red, warnings orange.
 */
import { createTheme } from '@mantine/core';

/** The colour reserved for psychotherapy-note surfaces (45 CFR 164.501: kept apart from the record). */
export const PRIVATE_COLOR = 'grape';

export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 8, dark: 6 },
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  headings: { fontWeight: '600' },
  // Visible focus for keyboard users everywhere, not only on :focus-visible heuristics.
  focusRing: 'auto',
});
