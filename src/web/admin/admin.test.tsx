// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderUi, seriousAxeViolations } from '../test/render.tsx';
import { AuditLogTable, type AuditRow } from './audit-log-table.tsx';
import { UsersTable, type UserRow } from './users-table.tsx';

const rows: AuditRow[] = [
  { seq: 1, at: '2026-03-13T09:00:00.000Z', actorId: 'u-admin', actorRole: 'admin', action: 'practice.setup', entityType: 'practice', entityId: 'p1', clientId: null, outcome: 'allowed', reason: null },
  { seq: 2, at: '2026-03-14T10:02:00.000Z', actorId: 'u-clin1', actorRole: 'clinician', action: 'note.read', entityType: 'note', entityId: 'n1', clientId: 'c-17', outcome: 'allowed', reason: null },
  { seq: 3, at: '2026-03-14T10:05:00.000Z', actorId: 'u-clin2', actorRole: 'clinician', action: 'client.read', entityType: 'client', entityId: 'c-17', clientId: 'c-17', outcome: 'denied', reason: null },
  { seq: 4, at: '2026-03-15T08:00:00.000Z', actorId: 'u-admin', actorRole: 'admin', action: 'vault.emergency-access', entityType: 'vault-note', entityId: 'v9', clientId: 'c-17', outcome: 'allowed', reason: 'Court order <b>42</b>' },
];

const bodyRows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);

describe('AuditLogTable', () => {
  it('filters by outcome, action, actor, client and date', () => {
    renderUi(<AuditLogTable rows={rows} onVerify={() => Promise.resolve({ ok: true, rows: 4 })} />);
    expect(bodyRows()).toHaveLength(4);
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'denied' } });
    expect(bodyRows().map((r) => r.textContent)).toEqual([expect.stringContaining('client.read')]);
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'note.read' } });
    expect(bodyRows()).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    fireEvent.change(screen.getByLabelText('Actor (id or role)'), { target: { value: 'ADMIN' } });
    expect(bodyRows()).toHaveLength(2);
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-14' } });
    expect(bodyRows()).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    fireEvent.change(screen.getByLabelText('Client id'), { target: { value: 'c-17' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-03-14' } });
    expect(bodyRows()).toHaveLength(2);
    expect(screen.getByText('Showing 2 of 4 entries.')).toBeTruthy();
  });

  it('verifies the chain through the callback and reports intact and broken chains', async () => {
    const onVerify = vi.fn().mockResolvedValueOnce({ ok: true, rows: 4 }).mockResolvedValueOnce({ ok: false, rows: 4, brokenSeq: 3, problem: 'hash does not match the row' });
    renderUi(<AuditLogTable rows={rows} onVerify={onVerify} />);
    fireEvent.click(screen.getByRole('button', { name: 'Verify chain' }));
    await waitFor(() => expect(screen.getByText('Chain intact')).toBeTruthy());
    expect(screen.getByText(/All 4 rows verified/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Verify chain' }));
    await waitFor(() => expect(screen.getByText('Chain broken')).toBeTruthy());
    expect(screen.getByText(/breaks at row 3/)).toBeTruthy();
    expect(onVerify).toHaveBeenCalledTimes(2);
  });

  it('says so when verification cannot run', async () => {
    renderUi(<AuditLogTable rows={rows} onVerify={() => Promise.reject(new Error('Network error'))} />);
    fireEvent.click(screen.getByRole('button', { name: 'Verify chain' }));
    await waitFor(() => expect(screen.getByText('Verification failed to run')).toBeTruthy());
  });

  it('shows stored text as text and has no serious or critical axe violations', async () => {
    const { container } = renderUi(<AuditLogTable rows={rows} onVerify={() => Promise.resolve({ ok: true, rows: 4 })} />);
    expect(container.querySelector('td b')).toBeNull();
    expect(screen.getByText('Court order <b>42</b>')).toBeTruthy();
    expect(await seriousAxeViolations(container)).toEqual([]);
  });
});

describe('UsersTable', () => {
  const users: UserRow[] = [
    { id: '1', username: 'arivera', displayName: 'A. Rivera', roles: ['clinician', 'supervisor'], totpEnabled: true, active: true, lastLoginAt: '2026-03-14T08:00:00Z' },
    { id: '2', username: 'bchen', displayName: 'B. Chen', roles: ['biller'], totpEnabled: false, active: true },
    { id: '3', username: 'admin', displayName: 'Practice Admin', roles: ['admin'], totpEnabled: true, active: false },
  ];

  it('filters by role and search, and calls onEdit', async () => {
    const onEdit = vi.fn();
    const { container } = renderUi(<UsersTable users={users} onEdit={onEdit} />);
    expect(bodyRows()).toHaveLength(3);
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'supervisor' } });
    expect(bodyRows().map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['A. Rivera']);
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Search users'), { target: { value: 'chen' } });
    expect(bodyRows()).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Edit B. Chen' }));
    expect(onEdit).toHaveBeenCalledWith(users[1]);
    expect(await seriousAxeViolations(container)).toEqual([]);
  });
});
