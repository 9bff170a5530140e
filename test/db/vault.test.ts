/**
 * The vault on SQLite and PostgreSQL: author-only reads, password change that re-wraps only,
 * session unlock / lock / timeout, emergency access with notice, export, import-to-author,
 * the audit trail (ids only), physical separation from the chart, and the marker test:
 * a psychotherapy note's text appears in plain text in no file and no table.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartAuditSink, verifyAuditChain } from '../../src/db/audit/audit-log.ts';
import type { ChartStore } from '../../src/db/chart/chart-store.ts';
import { createClient } from '../../src/db/chart/clients-repository.ts';
import { createDraft, signNote } from '../../src/db/chart/notes-repository.ts';
import { StorageError } from '../../src/db/errors.ts';
import { readVaultExport, VaultStore, vaultTarget, type VaultSession } from '../../src/db/vault/vault-store.ts';
import { adminQuery } from '../helpers/pg.ts';
import { makeKit, noteContent, openChart, seedPractice, storeKinds, TEST_PASSWORD, type Practice, type StoreKit } from './fixtures.ts';

const kinds = await storeKinds('vault');

async function code(p: Promise<unknown>): Promise<string> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(StorageError);
  return (err as StorageError).code;
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe.each(kinds)('vault on %s', (kind) => {
  let kit: StoreKit;
  let chart: ChartStore;
  let vault: VaultStore;
  let p: Practice;
  let recoveryCode = '';
  let clientId = '';
  let clock = Date.now();
  let session: VaultSession;
  const MARKER = `MARKER-${randomBytes(12).toString('hex')}`;
  let markerNoteId = '';

  beforeAll(async () => {
    kit = await makeKit(kind);
    chart = await openChart(kit);
    vault = await VaultStore.open(vaultTarget(kit.config), { audit: chartAuditSink(chart.db, chart.adapter), now: () => new Date(clock) });
    p = await seedPractice(chart);
    recoveryCode = (await vault.initPractice()).recoveryCode;
    await vault.createAuthorKey(p.users.clinician, TEST_PASSWORD);
    await vault.createAuthorKey(p.users.clinician2, TEST_PASSWORD);
    const ctx = await p.ctx(p.users.clinician);
    clientId = (await createClient(ctx, { displayName: 'T.U.' })).id;
    // A progress note too, so the chart files have real content to scan.
    const draft = await createDraft(ctx, { clientId, content: noteContent() });
    await signNote(ctx, draft.id);
    session = await vault.unlock(p.users.clinician, TEST_PASSWORD);
    markerNoteId = await vault.createNote(session, { clientId, content: { sessionDate: '2025-03-04', body: `Countertransference noted; ${MARKER}; revisit next week.` } });
  });
  afterAll(async () => {
    await vault?.close();
    await chart?.close();
    await kit?.cleanup();
  });

  it('lets the author read their note and nobody else', async () => {
    const note = await vault.readNote(session, markerNoteId);
    expect(note.content.body).toContain(MARKER);
    expect(note.clientId).toBe(clientId);
    const other = await vault.unlock(p.users.clinician2, TEST_PASSWORD);
    expect(await code(vault.readNote(other, markerNoteId))).toBe('not-found');
    expect(await vault.listNotes(other)).toEqual([]);
    expect((await vault.listNotes(session, clientId)).map((n) => n.id)).toEqual([markerNoteId]);
  });

  it('rejects bad content, naming the field', async () => {
    const err = await vault.createNote(session, { clientId, content: { sessionDate: '2025-02-30', body: 'x' } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'invalid-input', field: 'note.sessionDate' });
  });

  it('records every vault access in the chart audit log with ids only', async () => {
    const rows = await chart.db.selectFrom('audit_log').selectAll().where('action', 'like', 'vault.%').execute();
    expect(rows.some((r) => r.action === 'vault.note.read' && r.outcome === 'allowed' && r.entity_id === markerNoteId)).toBe(true);
    expect(rows.some((r) => r.action === 'vault.note.read' && r.outcome === 'denied' && r.actor_id === p.users.clinician2)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(MARKER);
    expect((await verifyAuditChain(chart.db, chart.adapter)).ok).toBe(true);
  });

  it('changes the password by re-wrapping only: no note is re-encrypted', async () => {
    const before = await vault.database.db.selectFrom('psychotherapy_notes').selectAll().execute();
    await vault.changePassword(p.users.clinician, TEST_PASSWORD, 'a different synthetic password');
    const after = await vault.database.db.selectFrom('psychotherapy_notes').selectAll().execute();
    expect(after).toEqual(before);
    expect(await code(vault.unlock(p.users.clinician, TEST_PASSWORD))).toBe('invalid-input');
    const s2 = await vault.unlock(p.users.clinician, 'a different synthetic password');
    expect((await vault.readNote(s2, markerNoteId)).content.body).toContain(MARKER);
    await vault.changePassword(p.users.clinician, 'a different synthetic password', TEST_PASSWORD);
  });

  it('makes the key unusable after logout, after idle timeout, and with a wrong cookie secret', async () => {
    const s = await vault.unlock(p.users.clinician, TEST_PASSWORD, { idleSeconds: 60 });
    await vault.readNote(s, markerNoteId);
    expect(await code(vault.readNote({ sessionId: s.sessionId, sessionSecret: randomBytes(32).toString('base64url') }, markerNoteId))).toBe('locked');
    clock += 61_000;
    expect(await code(vault.readNote(s, markerNoteId))).toBe('locked');
    const row = await vault.database.db.selectFrom('unlock_sessions').select('wrapped_key').where('id', '=', s.sessionId).executeTakeFirstOrThrow();
    expect(row.wrapped_key).toBeNull();
    const s2 = await vault.unlock(p.users.clinician, TEST_PASSWORD);
    await vault.lock(s2.sessionId);
    expect(await code(vault.readNote(s2, markerNoteId))).toBe('locked');
    session = await vault.unlock(p.users.clinician, TEST_PASSWORD);
  });

  it('grants emergency access only with the recovery code and a reason, audits it and tells the author', async () => {
    const officer = { userId: p.adminId, roles: ['admin'] as const };
    expect(await code(vault.emergencyReadNote({ officer, recoveryCode, reason: 'short', noteId: markerNoteId }))).toBe('invalid-input');
    const typo = recoveryCode.slice(0, 3) + (recoveryCode[3] === 'A' ? 'B' : 'A') + recoveryCode.slice(4);
    const bad = await vault.emergencyReadNote({ officer, recoveryCode: typo, reason: 'Client in crisis; treating clinician unreachable', noteId: markerNoteId }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'invalid-input', field: 'recoveryCode' });
    const notAdmin = { userId: p.users.records, roles: ['records'] as const };
    expect(await code(vault.emergencyReadNote({ officer: notAdmin, recoveryCode, reason: 'Client in crisis; treating clinician unreachable', noteId: markerNoteId }))).toBe('not-found');

    const note = await vault.emergencyReadNote({ officer, recoveryCode, reason: 'Client in crisis; treating clinician unreachable', noteId: markerNoteId });
    expect(note.content.body).toContain(MARKER);
    const audit = await chart.db.selectFrom('audit_log').selectAll().where('action', '=', 'vault.emergency-access').execute();
    expect(audit.map((r) => r.outcome).sort()).toEqual(['allowed', 'denied', 'failed']);
    expect(audit.find((r) => r.outcome === 'allowed')?.reason).toBe('Client in crisis; treating clinician unreachable');

    const next = await vault.unlock(p.users.clinician, TEST_PASSWORD);
    expect(next.notices).toHaveLength(1);
    expect(next.notices[0]).toMatchObject({ accessedBy: p.adminId, noteId: markerNoteId });
    await vault.acknowledgeNotices(p.users.clinician);
    expect((await vault.unlock(p.users.clinician, TEST_PASSWORD)).notices).toEqual([]);
  });

  it('imports a note encrypted to its author, and exports the author vault under a passphrase', async () => {
    const id = await vault.unsafeImportNote({ importerId: p.adminId, authorId: p.users.clinician2, clientId, content: { body: 'Imported process note (synthetic).' } });
    const s2 = await vault.unlock(p.users.clinician2, TEST_PASSWORD);
    expect((await vault.readNote(s2, id)).content.body).toBe('Imported process note (synthetic).');
    const exported = await vault.exportAuthorVault(session, 'leaving-practice passphrase');
    expect(exported).not.toContain(MARKER);
    const opened = await readVaultExport(exported, 'leaving-practice passphrase');
    expect(opened.notes.map((n) => n.id)).toEqual([markerNoteId]);
    await expect(readVaultExport(exported, 'wrong passphrase here')).rejects.toThrow();
  });

  it('seals an approved release packet to records staff: they open it with their own key, nobody else can', async () => {
    await vault.createAuthorKey(p.users.records, TEST_PASSWORD);
    const packetId = randomBytes(8).toString('hex');
    const pdf = Buffer.from(`%PDF-1.4 synthetic packet ${MARKER}`, 'utf8');
    const bundleJson = JSON.stringify({ resourceType: 'Bundle', note: MARKER });
    // Sealed to the records user; the biller id has no vault key and is skipped.
    const { sealedFor } = await vault.storeReleasePacket(session, { packetId, clientId, recipientIds: [p.users.records, p.users.biller], pdf, bundleJson });
    expect(sealedFor).toEqual([p.users.records]);
    const rows = await vault.database.db.selectFrom('sealed_release_packets').selectAll().where('id', '=', packetId).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(MARKER);

    const records = await vault.unlock(p.users.records, TEST_PASSWORD);
    const opened = await vault.openReleasePacket(records, packetId);
    expect(opened.pdf.equals(pdf)).toBe(true);
    expect(opened.bundleJson).toBe(bundleJson);
    // Not sealed to clinician2 (a user added later is refused the same way): re-approval needed.
    const other = await vault.unlock(p.users.clinician2, TEST_PASSWORD);
    expect(await code(vault.openReleasePacket(other, packetId))).toBe('conflict');
    expect(await code(vault.openReleasePacket(records, 'no-such-packet'))).toBe('conflict');
    await vault.lock(records.sessionId);
    expect(await code(vault.openReleasePacket(records, packetId))).toBe('locked');
    // A sealed key moved to another packet does not open it (the packet id is bound in).
    const key = await vault.database.db.selectFrom('sealed_release_packet_keys').selectAll().where('packet_id', '=', packetId).executeTakeFirstOrThrow();
    const copyId = randomBytes(8).toString('hex');
    const row = rows[0]!;
    await vault.database.db.insertInto('sealed_release_packets').values({ ...row, id: copyId }).execute();
    await vault.database.db.insertInto('sealed_release_packet_keys').values({ ...key, packet_id: copyId }).execute();
    const again = await vault.unlock(p.users.records, TEST_PASSWORD);
    await expect(vault.openReleasePacket(again, copyId)).rejects.toThrow();

    const audit = await chart.db.selectFrom('audit_log').selectAll().where('action', 'like', 'vault.release-packet.%').execute();
    expect(audit.some((r) => r.action === 'vault.release-packet.store' && r.outcome === 'allowed' && r.entity_id === packetId && r.actor_id === p.users.clinician)).toBe(true);
    expect(audit.some((r) => r.action === 'vault.release-packet.open' && r.outcome === 'allowed' && r.entity_id === packetId && r.actor_id === p.users.records)).toBe(true);
    expect(audit.some((r) => r.action === 'vault.release-packet.open' && r.outcome === 'denied' && r.actor_id === p.users.clinician2)).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(MARKER);
  });

  it('keeps the marker out of every file under the data directory and every database table', async () => {
    await vault.readNote(session, markerNoteId);
    const needle = Buffer.from(MARKER, 'utf8');
    if (kind === 'sqlite') {
      const files = filesUnder(kit.dataDir);
      expect(files.some((f) => f.endsWith('vault.sqlite'))).toBe(true);
      expect(files.some((f) => f.endsWith('-wal'))).toBe(true);
      for (const f of files) expect(readFileSync(f).includes(needle), f).toBe(false);
      // The test is able to fail: the chart files do contain a progress note's text.
      expect(files.some((f) => readFileSync(f).includes(Buffer.from('improved sleep')))).toBe(true);
    } else {
      if (kit.config.kind !== 'postgres') throw new Error('unreachable');
      const { chartSchema, vaultSchema } = kit.config;
      const cols = await adminQuery<{ table_schema: string; table_name: string; column_name: string }>(
        `SELECT table_schema, table_name, column_name FROM information_schema.columns
          WHERE table_schema IN ($1, $2) AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'bytea')`,
        [chartSchema, vaultSchema],
      );
      expect(cols.some((c) => c.table_schema === vaultSchema && c.column_name === 'ciphertext')).toBe(true);
      let probes = 0;
      for (const c of cols) {
        const hits = await adminQuery<{ n: string }>(`SELECT count(*) AS n FROM "${c.table_schema}"."${c.table_name}" WHERE "${c.column_name}"::text LIKE $1`, [`%${MARKER}%`]);
        expect(Number(hits[0]?.n), `${c.table_schema}.${c.table_name}.${c.column_name}`).toBe(0);
        probes++;
      }
      expect(probes).toBeGreaterThan(50);
      const control = await adminQuery<{ n: string }>(`SELECT count(*) AS n FROM "${chartSchema}".progress_notes WHERE content_json LIKE '%improved sleep%'`);
      expect(Number(control[0]?.n)).toBe(1);
      for (const f of filesUnder(kit.dataDir)) expect(readFileSync(f).includes(needle), f).toBe(false);
    }
  });

  it('keeps chart and vault physically apart', async () => {
    const vaultTables = ['vault_practice', 'author_keys', 'psychotherapy_notes', 'unlock_sessions', 'access_notices', 'sealed_release_packets', 'sealed_release_packet_keys'];
    if (kind === 'sqlite') {
      const chartNames = (chart.sqlite!.prepare(`SELECT name FROM sqlite_master`).all() as Array<{ name: string }>).map((r) => r.name);
      for (const t of vaultTables) expect(chartNames).not.toContain(t);
      expect(chart.sqlite!.prepare('PRAGMA database_list').all()).toHaveLength(1);
      expect(vault.database.sqlite!.prepare('PRAGMA database_list').all()).toHaveLength(1);
      const vaultNames = (vault.database.sqlite!.prepare(`SELECT name FROM sqlite_master`).all() as Array<{ name: string }>).map((r) => r.name);
      expect(vaultNames).not.toContain('progress_notes');
    } else {
      if (kit.config.kind !== 'postgres') throw new Error('unreachable');
      const { chartUrl, vaultUrl, chartSchema, vaultSchema } = kit.config;
      const asRole = async (url: string, text: string) => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        try {
          return await c.query(text);
        } finally {
          await c.end();
        }
      };
      await expect(asRole(chartUrl, `SELECT * FROM ${vaultSchema}.psychotherapy_notes`)).rejects.toThrow(/permission denied/);
      await expect(asRole(chartUrl, `SELECT * FROM ${vaultSchema}.author_keys`)).rejects.toThrow(/permission denied/);
      await expect(asRole(vaultUrl, `SELECT * FROM ${chartSchema}.progress_notes`)).rejects.toThrow(/permission denied/);
      // No foreign key, view or index crosses the two schemas.
      const crossFk = await adminQuery(
        `SELECT conname FROM pg_constraint c JOIN pg_class a ON a.oid = c.conrelid JOIN pg_class b ON b.oid = c.confrelid
          WHERE c.contype = 'f' AND a.relnamespace <> b.relnamespace AND (a.relnamespace::regnamespace::text IN ($1, $2))`,
        [chartSchema, vaultSchema],
      );
      expect(crossFk).toEqual([]);
      const views = await adminQuery(`SELECT table_name FROM information_schema.views WHERE table_schema IN ($1, $2)`, [chartSchema, vaultSchema]);
      expect(views).toEqual([]);
    }
  });
});
