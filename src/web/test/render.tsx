/**
 * Test helpers for component tests (happy-dom + Testing Library): the browser APIs Mantine
 * expects and happy-dom lacks, a render wrapped in the app's theme, and an axe-core run
 * that reports serious and critical violations.
 */
import { MantineProvider } from '@mantine/core';
import { cleanup, render, type RenderResult } from '@testing-library/react';
import axe from 'axe-core';
import type { ReactElement } from 'react';
import { afterEach } from 'vitest';
import { theme } from '../theme.ts';

/** Installs matchMedia, ResizeObserver and scrollIntoView stubs (idempotent). */
export function installDomStubs(): void {
  if (!window.matchMedia) {
    window.matchMedia = (query: string): MediaQueryList =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => undefined,
        removeListener: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        dispatchEvent: () => false,
      }) as MediaQueryList;
  }
  if (!('ResizeObserver' in window)) {
    class RO {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    }
    (window as unknown as { ResizeObserver: typeof RO }).ResizeObserver = RO;
  }
  if (!('fonts' in document)) {
    const fonts = { addEventListener: () => undefined, removeEventListener: () => undefined, ready: Promise.resolve() };
    Object.defineProperty(document, 'fonts', { value: fonts, configurable: true });
  }
  if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined;
}

installDomStubs();
afterEach(() => cleanup());

/** Renders `ui` inside the app's MantineProvider. */
export function renderUi(ui: ReactElement): RenderResult {
  return render(<MantineProvider theme={theme}>{ui}</MantineProvider>);
}

/** axe violations of impact serious or critical, as "rule: target" strings for readable failures. */
export async function seriousAxeViolations(container: Element): Promise<string[]> {
  const result = await axe.run(container, {
    // Colour contrast needs real layout and paint, which happy-dom has not; the Chromium
    // run (screenshots, e2e) covers it.
    rules: { 'color-contrast': { enabled: false } },
    resultTypes: ['violations'],
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${v.help}`));
}
