// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { parseRoute } from '../router.ts';
import { intakeBody, type IntakeState } from './intake-page.tsx';
import { releaseNavFor, releaseNavId } from './release-nav.ts';

const base: IntakeState = {
  clientId: 'c-1',
  requesterType: 'payer',
  asksFor: 'records',
  recipientName: '  Synthetic Health Plan ',
  address: 'PO Box 1\n\n  Synthetic City  ',
  attention: '',
  purpose: 'Claim review',
  description: '',
  from: '2025-01-01',
  to: '',
  recordsAsked: [],
  receivedOn: '2025-06-01',
  coversProgressNotes: true,
  coversPsychotherapyNotes: true,
  ofOriginator: true,
  authorityVerified: true,
  selfPayRestriction: false,
};

describe('release routes', () => {
  it('parses the release, approval and training addresses', () => {
    expect(parseRoute('#/release')).toEqual({ name: 'release', section: 'records', parts: [] });
    expect(parseRoute('#/release/requests/r-1')).toEqual({ name: 'release', section: 'records', parts: ['requests', 'r-1'] });
    expect(parseRoute('#/approvals/r-2')).toEqual({ name: 'release', section: 'approvals', parts: ['r-2'] });
    expect(parseRoute('#/training/report')).toEqual({ name: 'release', section: 'training', parts: ['report'] });
  });

  it('marks the navigation entry each route belongs to', () => {
    expect(releaseNavId({ name: 'release', section: 'records', parts: ['accounting', 'c-1'] })).toBe('release-accounting');
    expect(releaseNavId({ name: 'release', section: 'records', parts: ['requests', 'r-1'] })).toBe('release');
    expect(releaseNavId({ name: 'release', section: 'training', parts: ['report'] })).toBe('training-report');
    expect(releaseNavId({ name: 'release', section: 'approvals', parts: [] })).toBe('approvals');
  });

  it('shows records screens to records staff, approvals to clinicians, the report to admins, training to all', () => {
    const ids = (roles: Parameters<typeof releaseNavFor>[0]) => releaseNavFor(roles).map((n) => n.id);
    expect(ids(['records'])).toEqual(['release', 'release-accounting', 'training']);
    expect(ids(['clinician'])).toEqual(['approvals', 'training']);
    expect(ids(['admin'])).toEqual(['training', 'training-report']);
    expect(ids(['biller'])).toEqual(['training']);
  });
});

describe('intakeBody', () => {
  it('trims, drops empty inputs, and sends only the details of its requester type', () => {
    const body = intakeBody(base);
    expect(body.recipient).toEqual({ name: 'Synthetic Health Plan', addressLines: ['PO Box 1', 'Synthetic City'] });
    expect(body.dateRange).toEqual({ from: '2025-01-01' });
    expect(body.recordsAsked).toBeUndefined();
    expect(body.payer).toEqual({ selfPayRestriction: false });
    expect(body.courtOrder).toBeUndefined();
    expect(body.oversight).toBeUndefined();
    expect(body.representative).toBeUndefined();
  });

  it('a court order carries what it names (164.512(e)(1)(i))', () => {
    const body = intakeBody({ ...base, requesterType: 'court-order', recordsAsked: ['sessions'] });
    expect(body.courtOrder).toEqual({ coversProgressNotes: true, coversPsychotherapyNotes: true });
    expect(body.payer).toBeUndefined();
    expect(body.recordsAsked).toEqual(['sessions']);
  });
});
