/**
 * The Mantine theme. Colours carry meaning in this app: the psychotherapy note is always
 * `PRIVATE_COLOR` (never used for anything else), errors red, warnings orange.
 */
import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/** The colour reserved for psychotherapy-note surfaces (45 CFR 164.501: kept apart from the record). */
export const PRIVATE_COLOR = 'grape';

export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 9, dark: 6 },
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  headings: { fontWeight: '600' },
  // Visible focus for keyboard users everywhere, not only on :focus-visible heuristics.
  focusRing: 'auto',
  // WCAG 1.4.1: links inside text are told apart by more than colour.
  components: { Anchor: { defaultProps: { underline: 'always' } } },
});

/**
 * WCAG 1.4.3 contrast (4.5:1), checked by axe in the Chromium suite: Mantine's dimmed grey
 * (gray.6) and its light-variant text (shade 6 on a 10% tint) fall short on white, so the
 * light scheme uses darker shades for text.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // Input error messages (red.6 by default, 3.3:1 on white).
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-anchor': '#065f46',
    '--mantine-color-teal-light-color': '#065f46',
    '--mantine-primary-color-light-color': '#065f46',
    '--mantine-primary-color-filled-hover': '#066649',
    '--mantine-color-teal-filled-hover': '#066649',
    '--mantine-color-blue-light-color': 'var(--mantine-color-blue-9)',
    '--mantine-color-red-light-color': '#a51d1d',
    '--mantine-color-orange-light-color': '#a33b00',
    '--mantine-color-grape-light-color': 'var(--mantine-color-grape-9)',
    '--mantine-color-gray-light-color': 'var(--mantine-color-gray-9)',
    '--mantine-color-yellow-light-color': '#7a5400',
    '--mantine-color-green-light-color': 'var(--mantine-color-green-9)',
  },
  dark: {},
});
