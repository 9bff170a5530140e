/**
 * Import from another system (docs/import-format.md): clients with their diagnoses, goals,
 * sessions, progress notes (optionally signed, with addenda) and psychotherapy notes.
 *
 * Every client is one unit: its chart records go in one transaction through the same
 * repositories (and so the same checks and audit rows) as interactive use, acting as the
 * client's clinician; its psychotherapy notes are encrypted *to* their author's public key,
 * so the importer never holds a key that could read them. If anything about a client fails,
 * none of it stays: the chart transaction rolls back and the vault notes already written
 * for it are removed. Every rejected record is reported with its path and reason.
 */
import { z } from 'zod';
import { ClockTime, IsoDate, Participant, PlaceOfService, SessionModality } from '../../core/notes/model.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { addDiagnosis, addGoal } from '../chart/clinical-repository.ts';
import { createClient } from '../chart/clients-repository.ts';
import { loadActor, type RepoContext } from '../chart/context.ts';
import { addAddendum, createDraft, signNote } from '../chart/notes-repository.ts';
import { createSession } from '../chart/sessions-repository.ts';
import { StorageError } from '../errors.ts';
import type { Stores } from './stores.ts';

export const ImportSession = z.object({
  ref: z.string().trim().min(1, 'is required'),
  date: IsoDate,
  start: ClockTime.optional(),
  end: ClockTime.optional(),
  durationMinutes: z.number().int().min(1).max(1440).optional(),
  modality: SessionModality,
  placeOfService: PlaceOfService.default('office'),
  cptCodes: z.array(z.string()).default([]),
  participants: z.array(Participant).default([]),
});

export const ImportProgressNote = z.object({
  sessionRef: z.string().trim().min(1).optional(),
  /** A `ProgressNoteContent`; checked by the notes repository. */
  content: z.record(z.string(), z.unknown()),
  signed: z.boolean().default(false),
  addenda: z.array(z.string().trim().min(1, 'must not be empty')).default([]),
});

export const ImportPsychotherapyNote = z.object({
  sessionDate: IsoDate.optional(),
  body: z.string().min(1, 'must not be empty').max(200_000),
});

export const ImportClient = z
  .object({
    ref: z.string().trim().min(1, 'is required').max(200),
    displayName: z.string().trim().min(1, 'is required').max(200),
    dateOfBirth: IsoDate.optional(),
    /** Username of the clinician who owns the chart and authors the notes. */
    clinician: z.string().trim().min(1, 'is required'),
    diagnoses: z.array(z.object({ code: z.string(), description: z.string().optional(), onsetDate: z.string().optional() })).default([]),
    goals: z.array(z.object({ description: z.string(), targetDate: z.string().optional() })).default([]),
    sessions: z.array(ImportSession).default([]),
    progressNotes: z.array(ImportProgressNote).default([]),
    psychotherapyNotes: z.array(ImportPsychotherapyNote).default([]),
  })
  .superRefine((c, ctx) => {
    const refs = new Set<string>();
    c.sessions.forEach((s, i) => {
      if (refs.has(s.ref)) ctx.addIssue({ code: 'custom', path: ['sessions', i, 'ref'], message: `repeats session ref ${s.ref}` });
      refs.add(s.ref);
    });
    c.progressNotes.forEach((n, i) => {
      if (n.sessionRef && !refs.has(n.sessionRef)) ctx.addIssue({ code: 'custom', path: ['progressNotes', i, 'sessionRef'], message: `names no session of this client (${n.sessionRef})` });
      if (n.addenda.length > 0 && !n.signed) ctx.addIssue({ code: 'custom', path: ['progressNotes', i, 'addenda'], message: 'addenda need a signed note' });
    });
  });
export type ImportClient = z.infer<typeof ImportClient>;

export const ImportFile = z.object({
  format: z.literal('notewall-import', { message: 'must be "notewall-import"' }),
  version: z.literal(1, { message: 'must be 1' }),
  clients: z.array(z.unknown()),
});

export interface ImportedClient {
  readonly index: number;
  readonly ref: string;
  readonly clientId: string;
  readonly sessions: number;
  readonly progressNotes: number;
  readonly psychotherapyNotes: number;
}

export interface RejectedRecord {
  readonly index: number;
  readonly ref: string | null;
  /** Path of the offending field, e.g. `clients[2].sessions[0].end`. */
  readonly field: string;
  readonly reason: string;
}

export interface ImportReport {
  readonly imported: readonly ImportedClient[];
  readonly rejected: readonly RejectedRecord[];
}

class RecordError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

/** Runs `fn`, re-labelling a repository error with the import path of the record. */
async function at<T>(path: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof StorageError) {
      const field = err.field ? err.field.split('.').slice(1).join('.') : '';
      throw new RecordError(field ? `${path}.${field}` : path, err.message.replace(/^[^:]+: /, ''));
    }
    throw err;
  }
}

/**
 * Imports a parsed import document. `importerId` is the admin running the import;
 * `onProgress` is called after each client.
 */
export async function importRecords(stores: Stores, importerId: string, doc: unknown, onProgress?: (done: number, total: number) => void): Promise<ImportReport> {
  const file = ImportFile.safeParse(doc);
  if (!file.success) {
    const i = file.error.issues[0];
    throw new StorageError('invalid-input', i?.message ?? 'is not an import file', i?.path.join('.') || 'file');
  }
  const { chart } = stores;
  const importer = await loadActor(chart, importerId);
  if (!importer.roles.includes('admin')) throw new StorageError('not-found', 'only an admin runs an import');
  const imported: ImportedClient[] = [];
  const rejected: RejectedRecord[] = [];
  const total = file.data.clients.length;

  for (const [index, raw] of file.data.clients.entries()) {
    const base = `clients[${index}]`;
    const refOf = (raw as { ref?: unknown } | null)?.ref;
    const ref = typeof refOf === 'string' ? refOf : null;
    const parsed = ImportClient.safeParse(raw);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      rejected.push({ index, ref, field: [base, ...(i?.path ?? []).map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))].join('').replace(/\]\./g, '].'), reason: i?.message ?? 'is invalid' });
      onProgress?.(index + 1, total);
      continue;
    }
    try {
      imported.push(await importClient(stores, importerId, index, parsed.data));
    } catch (err) {
      if (err instanceof RecordError) rejected.push({ index, ref, field: err.field, reason: err.message });
      else throw err;
    }
    onProgress?.(index + 1, total);
  }
  return { imported, rejected };
}

async function importClient(stores: Stores, importerId: string, index: number, c: ImportClient): Promise<ImportedClient> {
  const { chart, vault } = stores;
  const base = `clients[${index}]`;
  const clinician = await chart.db.selectFrom('users').select('id').where('username', '=', c.clinician).executeTakeFirst();
  if (!clinician) throw new RecordError(`${base}.clinician`, `no user named ${c.clinician}`);
  const actor = await loadActor(chart, clinician.id, `import:${importerId}`);
  if (!actor.roles.includes('clinician')) throw new RecordError(`${base}.clinician`, `${c.clinician} does not hold the clinician role`);
  const dup = await chart.db.selectFrom('clients').select('id').where('external_ref', '=', c.ref).executeTakeFirst();
  if (dup) throw new RecordError(`${base}.ref`, `client ${c.ref} was already imported`);
  if (c.psychotherapyNotes.length > 0 && !(await vault.hasAuthorKey(clinician.id))) {
    throw new RecordError(`${base}.psychotherapyNotes`, `${c.clinician} has no vault key yet; they must log in once before their notes can be imported`);
  }

  // One unit per client: the chart transaction holds every chart row; the vault notes are
  // written from inside it (their audit rows go into this same transaction), and if
  // anything fails afterwards the notes already written are removed again.
  const vaultIds: string[] = [];
  try {
    return await chart.db.transaction().execute(async (trx) => {
      const ctx: RepoContext = { store: { ...chart, db: trx }, actor };
      const client = await at(base, () => createClient(ctx, { displayName: c.displayName, ...(c.dateOfBirth ? { dateOfBirth: c.dateOfBirth } : {}), externalRef: c.ref }));
      for (const [i, d] of c.diagnoses.entries()) await at(`${base}.diagnoses[${i}]`, () => addDiagnosis(ctx, { clientId: client.id, ...d }));
      for (const [i, g] of c.goals.entries()) await at(`${base}.goals[${i}]`, () => addGoal(ctx, { clientId: client.id, ...g }));
      const sessionIds = new Map<string, string>();
      for (const [i, s] of c.sessions.entries()) {
        const { ref, ...logistics } = s;
        const created = await at(`${base}.sessions[${i}]`, () => createSession(ctx, { clientId: client.id, logistics }));
        sessionIds.set(ref, created.id);
      }
      for (const [i, n] of c.progressNotes.entries()) {
        const path = `${base}.progressNotes[${i}]`;
        const sessionId = n.sessionRef ? sessionIds.get(n.sessionRef) : undefined;
        const draft = await at(path, () => createDraft(ctx, { clientId: client.id, ...(sessionId ? { sessionId } : {}), content: n.content as never }));
        if (n.signed) await at(path, () => signNote(ctx, draft.id));
        for (const [j, a] of n.addenda.entries()) await at(`${path}.addenda[${j}]`, () => addAddendum(ctx, draft.id, a));
      }
      for (const [i, pn] of c.psychotherapyNotes.entries()) {
        const id = await at(`${base}.psychotherapyNotes[${i}]`, () =>
          vault.unsafeImportNote({ importerId, authorId: clinician.id, clientId: client.id, content: pn, auditIn: (event) => appendAudit(trx, chart.adapter, event).then(() => undefined) }),
        );
        vaultIds.push(id);
      }
      await appendAudit(trx, chart.adapter, { actorId: importerId, actorRole: 'admin', action: 'import.client', entityType: 'client', entityId: client.id, clientId: client.id, outcome: 'allowed' });
      return { index, ref: c.ref, clientId: client.id, sessions: c.sessions.length, progressNotes: c.progressNotes.length, psychotherapyNotes: c.psychotherapyNotes.length };
    });
  } catch (err) {
    // The chart rolled back; take back the vault notes written for this client.
    await vault.unsafeRemoveImportedNotes(importerId, vaultIds);
    throw err;
  }
}
