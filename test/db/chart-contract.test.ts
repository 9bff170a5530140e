/**
 * The repository contract suite: the same tests on SQLite and on PostgreSQL
 * (ARCHITECTURE.md, Storage; STYLE.md §11).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/db/audit/audit-log.ts';
import type { ChartStore } from '../../src/db/chart/chart-store.ts';
import { addDiagnosis, addGoal, listDiagnoses, listGoals, recordMeasure } from '../../src/db/chart/clinical-repository.ts';
import { assignClient, createClient, getClient, listClients } from '../../src/db/chart/clients-repository.ts';
import {
  addAddendum,
  chartPage,
  cosignNote,
  createDraft,
  getNote,
  noteContentHash,
  signNote,
  updateDraft,
  verifyStoredNote,
} from '../../src/db/chart/notes-repository.ts';
import { createRecordsRequest, listDisclosures, recordAuthorization, recordDisclosure } from '../../src/db/chart/records-repository.ts';
import { createSession, listSessions } from '../../src/db/chart/sessions-repository.ts';
import { authenticate, createUser, listUsers, recordTraining, unsafeCreatePractice } from '../../src/db/chart/users-repository.ts';
import { StorageError } from '../../src/db/errors.ts';
import { loadActor } from '../../src/db/chart/context.ts';
import { generateNotes } from '../../scripts/generate-notes.ts';
import pg from 'pg';
import { chartCounts, makeKit, noteContent, openChart, seedPractice, storeKinds, TEST_PASSWORD, type Practice, type StoreKit } from './fixtures.ts';

const kinds = await storeKinds('chart repository contract');

/** Expects `p` to reject with a StorageError of `code` (and `field`, when given). */
async function rejects(p: Promise<unknown>, code: StorageError['code'], field?: string): Promise<StorageError> {
  const err = await p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StorageError);
  const se = err as StorageError;
  expect(se.code).toBe(code);
  if (field !== undefined) expect(se.field).toBe(field);
  return se;
}

describe.each(kinds)('chart repositories on %s', (kind) => {
  let kit: StoreKit;
  let store: ChartStore;
  let p: Practice;
  // Known ICD-10-CM codes for this suite; everything else is "not a code".
  const known = new Set(['F41.1', 'F32.1', 'F43.10']);

  beforeAll(async () => {
    kit = await makeKit(kind);
    store = await openChart(kit, { icd10Check: (c) => (known.has(c) ? null : `${c} is not a code in this suite`) });
    p = await seedPractice(store);
  });
  afterAll(async () => {
    await store?.close();
    await kit?.cleanup();
  });

  async function clientOf(userId = p.users.clinician, name = 'J.Q.') {
    const c = await createClient(await p.ctx(userId), { displayName: name });
    return c.id;
  }

  it('sets the practice up once and authenticates users', async () => {
    await rejects(
      unsafeCreatePractice(store, { practiceName: 'Second', admin: { username: 'admin2', displayName: 'X', password: TEST_PASSWORD, roles: ['admin'] } }),
      'conflict',
    );
    expect(await authenticate(store, 'clin-a', TEST_PASSWORD)).toBe(p.users.clinician);
    expect(await authenticate(store, 'clin-a', 'wrong password!!')).toBeNull();
    expect(await authenticate(store, 'nobody', TEST_PASSWORD)).toBeNull();
    const users = await listUsers(await p.ctx(p.adminId));
    expect(users.find((u) => u.id === p.users.supervisor)?.roles.slice().sort()).toEqual(['clinician', 'supervisor']);
  });

  it('refuses a taken username and a non-admin creating users, naming the field', async () => {
    const admin = await p.ctx(p.adminId);
    await rejects(createUser(admin, { username: 'clin-a', displayName: 'Dup', password: TEST_PASSWORD, roles: ['clinician'] }), 'conflict', 'user.username');
    await rejects(createUser(admin, { username: 'x', displayName: 'Short', password: TEST_PASSWORD, roles: ['clinician'] }), 'invalid-input', 'user.username');
    await rejects(createUser(await p.ctx(p.users.clinician), { username: 'newbie', displayName: 'N', password: TEST_PASSWORD, roles: ['admin'] }), 'not-found');
  });

  it('scopes clients to assignments and hides others as not-found (audited as denied)', async () => {
    const id = await clientOf(p.users.clinician, 'K.L.');
    expect((await getClient(await p.ctx(p.users.clinician), id)).displayName).toBe('K.L.');
    await rejects(getClient(await p.ctx(p.users.clinician2), id), 'not-found');
    await rejects(getClient(await p.ctx(p.users.supervisor), id), 'not-found');
    expect((await getClient(await p.ctx(p.users.records), id)).id).toBe(id);
    const denied = await store.db.selectFrom('audit_log').selectAll().where('client_id', '=', id).where('outcome', '=', 'denied').execute();
    expect(denied.map((r) => r.actor_id).sort()).toEqual([p.users.clinician2, p.users.supervisor].sort());

    await assignClient(await p.ctx(p.adminId), { clientId: id, userId: p.users.supervisor, relation: 'supervisor' });
    expect((await getClient(await p.ctx(p.users.supervisor), id)).id).toBe(id);
    const mine = await listClients(await p.ctx(p.users.clinician2));
    expect(mine.map((c) => c.id)).not.toContain(id);
    expect((await listClients(await p.ctx(p.users.records))).map((c) => c.id)).toContain(id);
    await rejects(assignClient(await p.ctx(p.adminId), { clientId: id, userId: p.users.biller, relation: 'clinician' }), 'invalid-input', 'assignment.relation');
  });

  it('creates sessions and refuses bad dates, reversed and overlapping times and unknown clients, changing nothing', async () => {
    const id = await clientOf();
    const ctx = await p.ctx(p.users.clinician);
    const s = await createSession(ctx, { clientId: id, logistics: { date: '2025-01-06', start: '09:00', end: '09:50', modality: 'individual', placeOfService: 'telehealth-home' } });
    expect(s.logistics.placeOfService).toBe('telehealth-home');
    const before = await chartCounts(store);
    const bad: Array<[unknown, string, StorageError['code']]> = [
      [{ clientId: id, logistics: { date: '2025-02-30', modality: 'individual' } }, 'session.logistics.date', 'invalid-input'],
      [{ clientId: id, logistics: { date: '06/01/2025', modality: 'individual' } }, 'session.logistics.date', 'invalid-input'],
      [{ clientId: id, logistics: { date: '2999-01-01', modality: 'individual' } }, 'session.logistics.date', 'invalid-input'],
      [{ clientId: id, logistics: { date: '2025-01-07', start: '11:00', end: '10:00', modality: 'individual' } }, 'session.logistics.end', 'invalid-input'],
      [{ clientId: id, logistics: { date: '2025-01-07', start: '11:00', modality: 'individual' } }, 'session.logistics.end', 'invalid-input'],
      [{ clientId: id, logistics: { date: '2025-01-06', start: '09:30', end: '10:20', modality: 'individual' } }, 'session.logistics.start', 'invalid-input'],
      [{ clientId: id, logistics: { date: '2025-01-06', start: '08:10', end: '09:01', modality: 'individual' } }, 'session.logistics.start', 'invalid-input'],
      [{ clientId: id, logistics: { date: '2025-01-06', start: '10:00', end: '10:50', modality: 'yoga' } }, 'session.logistics.modality', 'invalid-input'],
    ];
    for (const [input, field, code] of bad) {
      await rejects(createSession(ctx, input as never), code, field);
    }
    await rejects(createSession(ctx, { clientId: 'no-such-client', logistics: { date: '2025-01-08', modality: 'individual' } }), 'not-found');
    expect(await chartCounts(store)).toEqual(before);
    // Back-to-back is not an overlap.
    await createSession(ctx, { clientId: id, logistics: { date: '2025-01-06', start: '09:50', end: '10:40', modality: 'individual' } });
    expect((await listSessions(await p.ctx(p.users.biller), id)).length).toBe(2);
  });

  it('refuses malformed and unknown ICD-10-CM codes and bad measure items, changing nothing', async () => {
    const id = await clientOf();
    const ctx = await p.ctx(p.users.clinician);
    await addDiagnosis(ctx, { clientId: id, code: 'F41.1', description: 'Generalized anxiety disorder' });
    const before = await chartCounts(store);
    await rejects(addDiagnosis(ctx, { clientId: id, code: 'F4' }), 'invalid-input', 'diagnosis.code');
    await rejects(addDiagnosis(ctx, { clientId: id, code: 'F99.99' }), 'invalid-input', 'diagnosis.code');
    await rejects(addDiagnosis(ctx, { clientId: id, code: 'F41.1', onsetDate: '2025-13-01' }), 'invalid-input', 'diagnosis.onsetDate');
    await rejects(recordMeasure(ctx, { clientId: id, instrument: 'phq9', administeredOn: '2025-01-06', items: [1, 2, 3] }), 'invalid-input', 'measure.items');
    await rejects(recordMeasure(ctx, { clientId: id, instrument: 'phq9', administeredOn: '2025-01-06', items: [0, 0, 0, 0, 0, 0, 0, 0, 9] }), 'invalid-input', 'measure.items[8]');
    expect(await chartCounts(store)).toEqual(before);
    const m = await recordMeasure(ctx, { clientId: id, instrument: 'gad7', administeredOn: '2025-01-06', items: [1, 1, 1, 1, 1, 1, 1] });
    expect(m.total).toBe(7);
    await addGoal(ctx, { clientId: id, description: 'Sleep 7 hours most nights', targetDate: '2025-06-01' });
    expect((await listGoals(ctx, id)).length).toBe(1);
    expect((await listDiagnoses(await p.ctx(p.users.biller), id)).map((d) => d.code)).toEqual(['F41.1']);
  });

  it('drafts, versions, signs (hash, signer, time), co-signs and adds addenda', async () => {
    const id = await clientOf();
    await assignClient(await p.ctx(p.adminId), { clientId: id, userId: p.users.supervisor, relation: 'supervisor' });
    const ctx = await p.ctx(p.users.clinician);
    const session = await createSession(ctx, { clientId: id, logistics: { date: '2025-03-04', start: '10:00', end: '10:53', modality: 'individual' } });
    const draft = await createDraft(ctx, { clientId: id, sessionId: session.id, content: noteContent() });
    expect(draft.status).toBe('draft');
    expect(draft.version).toBe(1);
    const v2 = await updateDraft(ctx, draft.id, noteContent('2025-03-04', { mentalStatus: 'Alert and oriented.' }), 1);
    expect(v2.version).toBe(2);
    await rejects(updateDraft(ctx, draft.id, noteContent(), 1), 'conflict', 'note.version');
    await rejects(createDraft(ctx, { clientId: id, sessionId: session.id, content: noteContent('2025-03-05') }), 'invalid-input', 'note.content.session.date');

    const signed = await signNote(ctx, draft.id, 2);
    expect(signed.status).toBe('signed');
    expect(signed.signedBy).toBe(p.users.clinician);
    expect(signed.signedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(signed.contentHash).toBe(noteContentHash(signed.content));
    const row = await store.db.selectFrom('progress_notes').selectAll().where('id', '=', draft.id).executeTakeFirstOrThrow();
    expect(verifyStoredNote(row)).toBe(true);

    await rejects(updateDraft(ctx, draft.id, noteContent(), 2), 'immutable');
    await rejects(signNote(ctx, draft.id), 'immutable');
    // A clinician without the supervisor role cannot co-sign at all.
    await rejects(cosignNote(ctx, draft.id), 'not-found');

    const cos = await cosignNote(await p.ctx(p.users.supervisor), draft.id);
    expect(cos.signatures.map((s) => s.kind)).toEqual(['author', 'cosign']);
    expect(cos.signatures.every((s) => s.contentHash === signed.contentHash)).toBe(true);
    const add = await addAddendum(ctx, draft.id, 'Late entry: client called to reschedule.');
    expect(add.noteHash).toBe(signed.contentHash);
    const read = await getNote(await p.ctx(p.users.records), draft.id);
    expect(read.addenda.map((a) => a.body)).toEqual(['Late entry: client called to reschedule.']);
    expect(read.contentHash).toBe(signed.contentHash);
    await rejects(getNote(await p.ctx(p.users.biller), draft.id), 'not-found');
    await rejects(getNote(ctx, 'no-such-note'), 'not-found');
    await rejects(addAddendum(ctx, draft.id, '   '), 'invalid-input', 'addendum.body');
  });

  it('pages the chart newest first with keyset pagination', async () => {
    const id = await clientOf();
    const ctx = await p.ctx(p.users.clinician);
    const dates = ['2025-01-02', '2025-01-09', '2025-01-16', '2025-01-23', '2025-01-30'];
    for (const d of dates) await createDraft(ctx, { clientId: id, content: noteContent(d) });
    const first = await chartPage(ctx, id, { limit: 2 });
    expect(first.rows.map((r) => r.sessionDate)).toEqual(['2025-01-30', '2025-01-23']);
    const second = await chartPage(ctx, id, { limit: 2, ...(first.next ? { before: first.next } : {}) });
    expect(second.rows.map((r) => r.sessionDate)).toEqual(['2025-01-16', '2025-01-09']);
    const third = await chartPage(ctx, id, { limit: 2, ...(second.next ? { before: second.next } : {}) });
    expect(third.rows.map((r) => r.sessionDate)).toEqual(['2025-01-02']);
    expect(third.next).toBeUndefined();
    await rejects(chartPage(await p.ctx(p.users.clinician2), id), 'not-found');
  });

  it('records authorizations, requests and the accounting of disclosures; refuses bad dates', async () => {
    const id = await clientOf();
    const rec = await p.ctx(p.users.records);
    const before = await chartCounts(store);
    await rejects(
      recordAuthorization(rec, { clientId: id, kind: 'general', recipient: 'Dr. P. (PCP)', purpose: 'care coordination', signedOn: '2025-02-01', expiresOn: '2025-01-01' }),
      'invalid-input',
      'authorization.expiresOn',
    );
    await rejects(
      createRecordsRequest(rec, { clientId: id, requesterKind: 'client', requester: 'the client', receivedOn: '2025-02-10', dueOn: '2025-02-01' }),
      'invalid-input',
      'request.dueOn',
    );
    await rejects(
      recordDisclosure(rec, { clientId: id, requestId: 'nope', recipient: 'X', purpose: 'Y', description: 'Z', legalBasis: '164.524', disclosedOn: '2025-02-11' }),
      'invalid-input',
      'disclosure.requestId',
    );
    expect(await chartCounts(store)).toEqual(before);
    const authId = await recordAuthorization(rec, { clientId: id, kind: 'general', recipient: 'Dr. P. (PCP)', purpose: 'care coordination', signedOn: '2025-02-01', expiresOn: '2026-02-01' });
    const reqId = await createRecordsRequest(rec, { clientId: id, requesterKind: 'provider', requester: 'Dr. P.', receivedOn: '2025-02-10', dueOn: '2025-03-12' });
    await recordDisclosure(rec, { clientId: id, requestId: reqId, authorizationId: authId, recipient: 'Dr. P.', purpose: 'care coordination', description: 'Progress notes Jan 2025', legalBasis: '45 CFR 164.508', disclosedOn: '2025-02-11' });
    expect((await listDisclosures(rec, id)).map((d) => d.legalBasis)).toEqual(['45 CFR 164.508']);
    await rejects(listDisclosures(await p.ctx(p.users.clinician2), id), 'not-found');
  });

  it('records staff training and keeps the audit chain valid, with denials recorded', async () => {
    await recordTraining(await p.ctx(p.adminId), { userId: p.users.clinician, module: 'psychotherapy-notes-basics', completedAt: '2025-01-10T15:00:00.000Z', score: 90 });
    await rejects(recordTraining(await p.ctx(p.adminId), { userId: 'ghost', module: 'm', completedAt: '2025-01-10T15:00:00.000Z' }), 'invalid-input', 'training.userId');
    const result = await verifyAuditChain(store.db, store.adapter);
    expect(result.ok).toBe(true);
    const outcomes = await store.db.selectFrom('audit_log').select('outcome').distinct().execute();
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['allowed', 'denied', 'failed']);
    // Audit rows carry ids, never clinical text.
    const text = JSON.stringify(await store.db.selectFrom('audit_log').selectAll().execute());
    expect(text).not.toContain('improved sleep');
  });

  if (kind === 'postgres') {
    it("generates bench notes set-based that verify like real signed notes (scripts/generate-notes.ts)", async () => {
      if (kit.config.kind !== 'postgres') throw new Error('unreachable');
      const client = new pg.Client({ connectionString: kit.config.chartUrl, options: `-c search_path=${kit.config.chartSchema}` });
      await client.connect();
      const r = await generateNotes(client, { count: 250, notesPerClient: 100, prefix: 'gen' }).finally(() => client.end());
      expect(r.clients).toBe(3);
      const rows = await store.db.selectFrom('progress_notes').selectAll().where('author_id', '=', r.authorId).execute();
      expect(rows).toHaveLength(250);
      expect(rows.every((row) => verifyStoredNote(row))).toBe(true);
      const page = await chartPage({ store, actor: await loadActor(store, r.authorId) }, r.clientIds(3), { limit: 100 });
      expect(page.rows).toHaveLength(50);
      expect(page.rows[0]!.sessionDate > page.rows[49]!.sessionDate).toBe(true);
    });
  }
});
