import { describe, expect, it } from 'vitest';
import { idleDeadline, shouldKeepAlive, touchSeconds, warnBeforeMs } from './idle.ts';
import { parseRoute } from '../router.ts';

describe('idle timer (45 CFR 164.312(a)(2)(iii))', () => {
  it('counts from the last contact minus the server touch window, never promising more than the server gives', () => {
    // 15 minutes idle: the server writes last_seen at most every 60 s.
    expect(touchSeconds(900)).toBe(60);
    expect(idleDeadline(1_000_000, 900)).toBe(1_000_000 + 840_000);
    expect(touchSeconds(60)).toBe(4);
    expect(idleDeadline(0, 60)).toBe(56_000);
  });

  it('warns two minutes ahead, or a third of a short timeout', () => {
    expect(warnBeforeMs(900)).toBe(120_000);
    expect(warnBeforeMs(60)).toBe(20_000);
  });

  it('pings on activity only once the server would record it', () => {
    expect(shouldKeepAlive(59_999, 0, 900)).toBe(false);
    expect(shouldKeepAlive(60_000, 0, 900)).toBe(true);
  });
});

describe('parseRoute', () => {
  it('reads every screen from the hash and falls back to home', () => {
    expect(parseRoute('#/')).toEqual({ name: 'home' });
    expect(parseRoute('#/clients')).toEqual({ name: 'clients' });
    expect(parseRoute('#/clients/c-1')).toEqual({ name: 'chart', clientId: 'c-1' });
    expect(parseRoute('#/clients/c-1/sessions/s-2')).toEqual({ name: 'session', clientId: 'c-1', sessionId: 's-2' });
    expect(parseRoute('#/admin/audit')).toEqual({ name: 'admin', tab: 'audit' });
    expect(parseRoute('#/admin')).toEqual({ name: 'admin', tab: 'users' });
    expect(parseRoute('#/nowhere')).toEqual({ name: 'home' });
  });
});
