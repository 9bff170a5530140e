/**
 * A signed note can never change (ARCHITECTURE.md invariant 4; 45 CFR 164.312(c)(1)):
 * every path is tried on both databases — the repository, raw SQL UPDATE of each column,
 * DELETE, replace-on-insert, TRUNCATE (PostgreSQL) — and each is refused, as are changes
 * to the append-only history, signatures, addenda, disclosures and audit log.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartStore } from '../../src/db/chart/chart-store.ts';
import { createClient } from '../../src/db/chart/clients-repository.ts';
import { addAddendum, createDraft, signNote, updateDraft, verifyStoredNote } from '../../src/db/chart/notes-repository.ts';
import { StorageError } from '../../src/db/errors.ts';
import { makeKit, noteContent, openChart, seedPractice, storeKinds, type StoreKit } from './fixtures.ts';

const kinds = await storeKinds('signed-note immutability');

const NOTE_COLUMNS: ReadonlyArray<[string, string]> = [
  ['id', "'x'"],
  ['client_id', "'x'"],
  ['session_id', "'x'"],
  ['author_id', "'x'"],
  ['session_date', "'2000-01-01'"],
  ['format', "'dap'"],
  ['status', "'draft'"],
  ['version', '99'],
  ['content_json', "'{}'"],
  ['content_hash', "'0000'"],
  ['signed_by', 'NULL'],
  ['signed_at', "'2000-01-01T00:00:00.000Z'"],
  ['created_at', "'2000-01-01T00:00:00.000Z'"],
  ['updated_at', "'2000-01-01T00:00:00.000Z'"],
];

describe.each(kinds)('signed notes on %s', (kind) => {
  let kit: StoreKit;
  let store: ChartStore;
  let noteId = '';
  let draftId = '';
  let before: Record<string, unknown> = {};

  beforeAll(async () => {
    kit = await makeKit(kind);
    store = await openChart(kit);
    const p = await seedPractice(store);
    const ctx = await p.ctx(p.users.clinician);
    const client = await createClient(ctx, { displayName: 'M.N.' });
    const note = await createDraft(ctx, { clientId: client.id, content: noteContent() });
    await signNote(ctx, note.id);
    await addAddendum(ctx, note.id, 'Clarification added after signing.');
    noteId = note.id;
    draftId = (await createDraft(ctx, { clientId: client.id, content: noteContent('2025-03-11') })).id;
    before = await store.db.selectFrom('progress_notes').selectAll().where('id', '=', noteId).executeTakeFirstOrThrow();
    // The repository path.
    const err = await updateDraft(ctx, noteId, noteContent('2025-03-04', { mentalStatus: 'changed' }), 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).code).toBe('immutable');
  });
  afterAll(async () => {
    await store?.close();
    await kit?.cleanup();
  });

  async function refused(statement: string): Promise<void> {
    await expect(sql.raw(statement).execute(store.db)).rejects.toThrow(/cannot be changed|append-only/);
  }

  it.each(NOTE_COLUMNS)('refuses a raw UPDATE of progress_notes.%s', async (column, value) => {
    await refused(`UPDATE progress_notes SET ${column} = ${value} WHERE id = '${noteId}'`);
  });

  it('refuses DELETE, replace-on-insert and TRUNCATE of a signed note, and leaves it intact', async () => {
    await refused(`DELETE FROM progress_notes WHERE id = '${noteId}'`);
    await refused(`DELETE FROM progress_notes`);
    if (kind === 'sqlite') {
      await refused(
        `INSERT OR REPLACE INTO progress_notes (id, client_id, author_id, session_date, format, status, version, content_json, created_at, updated_at)
         SELECT id, client_id, author_id, session_date, format, 'draft', 1, '{}', created_at, updated_at FROM progress_notes WHERE id = '${noteId}'`,
      );
    } else {
      await refused(
        `INSERT INTO progress_notes (id, client_id, author_id, session_date, format, status, version, content_json, created_at, updated_at)
         SELECT id, client_id, author_id, session_date, format, 'draft', 1, '{}', created_at, updated_at FROM progress_notes WHERE id = '${noteId}'
         ON CONFLICT (id) DO UPDATE SET content_json = '{}'`,
      );
      await refused('TRUNCATE progress_notes CASCADE');
    }
    const after = await store.db.selectFrom('progress_notes').selectAll().where('id', '=', noteId).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    expect(verifyStoredNote(after)).toBe(true);
  });

  it.each(['progress_note_versions', 'note_signatures', 'note_addenda', 'audit_log'])('refuses UPDATE and DELETE of %s', async (table) => {
    const column = table === 'audit_log' ? 'reason' : table === 'progress_note_versions' ? 'content_json' : table === 'note_addenda' ? 'body' : 'content_hash';
    await refused(`UPDATE ${table} SET ${column} = 'tampered'`);
    await refused(`DELETE FROM ${table}`);
    if (kind === 'postgres') await refused(`TRUNCATE ${table}`);
  });

  it('still lets a draft be edited (the trigger is about signed rows only)', async () => {
    await sql.raw(`UPDATE progress_notes SET updated_at = '2025-03-11T00:00:00.000Z' WHERE id = '${draftId}'`).execute(store.db);
    const row = await store.db.selectFrom('progress_notes').select('updated_at').where('id', '=', draftId).executeTakeFirstOrThrow();
    expect(row.updated_at).toBe('2025-03-11T00:00:00.000Z');
  });
});
