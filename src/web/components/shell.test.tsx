// @vitest-environment happy-dom
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderUi, seriousAxeViolations } from '../test/render.tsx';
import { AppLayout } from './app-layout.tsx';
import { IdleWarning, formatCountdown } from './idle-warning.tsx';
import { SessionExpiredBanner } from './session-expired-banner.tsx';

describe('AppLayout', () => {
  it('shows the practice, the signed-in user, navigation with the current page, and sign-out', async () => {
    const onSignOut = vi.fn();
    const { container } = renderUi(
      <AppLayout
        practiceName="Harbor Counseling (synthetic)"
        user={{ displayName: 'A. Rivera, LCSW', roles: ['clinician', 'supervisor'] }}
        nav={[
          { id: 'home', label: 'Home', href: '#/' },
          { id: 'clients', label: 'Clients', href: '#/clients' },
        ]}
        activeId="clients"
        onSignOut={onSignOut}
      >
        <p>Page body</p>
      </AppLayout>,
    );
    expect(screen.getByRole('heading', { level: 1, name: 'Harbor Counseling (synthetic)' })).toBeTruthy();
    expect(screen.getByLabelText('Signed in as A. Rivera, LCSW')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Clients' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'Home' }).getAttribute('aria-current')).toBeNull();
    expect(screen.getByRole('main').textContent).toContain('Page body');
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(onSignOut).toHaveBeenCalledOnce();
    expect(await seriousAxeViolations(container)).toEqual([]);
  });
});

describe('IdleWarning', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('formats the countdown', () => {
    expect(formatCountdown(125)).toBe('2:05');
    expect(formatCountdown(0.2)).toBe('0:01');
    expect(formatCountdown(-3)).toBe('0:00');
  });

  it('counts down each second, calls onStay, and reports expiry once', () => {
    let now = 1_000_000;
    const onStay = vi.fn();
    const onExpire = vi.fn();
    renderUi(<IdleWarning opened deadline={now + 65_000} onStay={onStay} onSignOut={() => undefined} onExpire={onExpire} now={() => now} />);
    expect(screen.getByTestId('idle-countdown').textContent).toBe('1:05');
    act(() => {
      now += 3_000;
      vi.advanceTimersByTime(3_000);
    });
    expect(screen.getByTestId('idle-countdown').textContent).toBe('1:02');
    fireEvent.click(screen.getByRole('button', { name: 'Stay signed in' }));
    expect(onStay).toHaveBeenCalledOnce();
    act(() => {
      now += 70_000;
      vi.advanceTimersByTime(3_000);
    });
    expect(screen.getByTestId('idle-countdown').textContent).toBe('0:00');
    act(() => {
      vi.advanceTimersByTime(3_000);
    });
    expect(onExpire).toHaveBeenCalledOnce();
  });
});

describe('IdleWarning accessibility', () => {
  it('has no serious or critical axe violations when open (the modal renders in a portal)', async () => {
    renderUi(<IdleWarning opened deadline={Date.now() + 120_000} onStay={() => undefined} onSignOut={() => undefined} />);
    expect(screen.getByRole('dialog', { name: 'You will be signed out soon' })).toBeTruthy();
    expect(await seriousAxeViolations(document.body)).toEqual([]);
  });
});

describe('SessionExpiredBanner', () => {
  it('keeps the unsaved text on screen and offers sign-in', async () => {
    const onSignIn = vi.fn();
    const unsaved = 'Plan: continue CBT; <b>not bold</b> thought record.';
    const { container } = renderUi(<SessionExpiredBanner unsavedText={unsaved} onSignIn={onSignIn} />);
    expect(screen.getByRole('alert').textContent).toContain('Your session has ended');
    expect(screen.getByLabelText<HTMLTextAreaElement>('Unsaved text').value).toBe(unsaved);
    expect(container.querySelector('b')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in again' }));
    expect(onSignIn).toHaveBeenCalledOnce();
    expect(await seriousAxeViolations(container)).toEqual([]);
  });

  it('says all work was saved when nothing is pending', () => {
    renderUi(<SessionExpiredBanner unsavedText="  " onSignIn={() => undefined} />);
    expect(screen.getByRole('alert').textContent).toContain('All your work was saved');
    expect(screen.queryByLabelText('Unsaved text')).toBeNull();
  });
});
