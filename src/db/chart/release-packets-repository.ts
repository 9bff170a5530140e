/**
 * Release packets, author approvals, deliveries and the accounting of disclosures in the
 * workflow. The chart read for a packet, the packet's record, the author's approval of a
 * psychotherapy-note release (45 CFR 164.508(a)(2); the approval is Notewall's rule) and
 * the delivery all go through `guarded()`. Delivering writes the 164.528 accounting entry
 * in the same transaction exactly when the packet says it is accountable, which is the
 * gate's `accountable` applied to what was actually enclosed.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ProgressNoteContent } from '../../core/notes/model.ts';
import { renderProgressNote } from '../../core/notes/render.ts';
import { IsoDate } from '../../core/notes/model.ts';
import { newId, nowIso } from '../clock.ts';
import { StorageError } from '../errors.ts';
import type { Permission } from './access-policy.ts';
import { guarded, parseInput, type RepoContext } from './context.ts';
import { setRequestStatusIn, unsafeRequestClient, type RequestStatus } from './release-requests-repository.ts';
import { releaseDb, releaseTrx } from './release-schema.ts';

/** The chart as the packet builder takes it (shapes of `src/release/release-input.ts`, unparsed). */
export interface ChartForRelease {
  readonly client: { readonly id: string; readonly name: string; readonly dateOfBirth?: string };
  readonly practiceName: string;
  readonly sessions: ReadonlyArray<Record<string, unknown>>;
  readonly progressNotes: ReadonlyArray<Record<string, unknown>>;
  readonly diagnoses: ReadonlyArray<Record<string, unknown>>;
  readonly measures: ReadonlyArray<Record<string, unknown>>;
}

/**
 * Reads what a packet may hold from the chart: sessions, signed progress notes (drafts
 * never leave) with co-signature and addenda, diagnoses and measures. Never the vault.
 * `permission` is `note.read` for records staff and `note.write` (assigned clinician) for
 * the author building an approved packet.
 */
export async function readChartForRelease(ctx: RepoContext, clientId: string, permission: Permission = 'note.read'): Promise<ChartForRelease> {
  return guarded(ctx, { permission, action: 'note.read', entityType: 'release-chart', clientId }, async (trx) => {
    const client = await trx.selectFrom('clients').selectAll().where('id', '=', clientId).executeTakeFirstOrThrow();
    const practice = await trx.selectFrom('practice').select('name').executeTakeFirst();
    const users = new Map((await trx.selectFrom('users').select(['id', 'display_name']).execute()).map((u) => [u.id, u.display_name]));
    const name = (id: string | null) => (id ? (users.get(id) ?? id) : 'unknown');
    const sessions = await trx.selectFrom('sessions').selectAll().where('client_id', '=', clientId).orderBy('session_date').execute();
    const notes = await trx.selectFrom('progress_notes').selectAll().where('client_id', '=', clientId).where('status', '=', 'signed').orderBy('session_date').execute();
    const noteIds = notes.map((n) => n.id);
    const cosigns = noteIds.length ? await trx.selectFrom('note_signatures').selectAll().where('note_id', 'in', noteIds).where('kind', '=', 'cosign').execute() : [];
    const addenda = noteIds.length ? await trx.selectFrom('note_addenda').selectAll().where('note_id', 'in', noteIds).orderBy('signed_at').execute() : [];
    const diagnoses = await trx.selectFrom('diagnoses').selectAll().where('client_id', '=', clientId).execute();
    const measures = await trx.selectFrom('measure_administrations').selectAll().where('client_id', '=', clientId).orderBy('administered_on').execute();
    return {
      value: {
        client: { id: client.id, name: client.display_name, ...(client.date_of_birth ? { dateOfBirth: client.date_of_birth } : {}) },
        practiceName: practice?.name ?? 'Practice',
        sessions: sessions.map((s) => ({
          id: s.id,
          date: s.session_date,
          ...(s.start_time ? { start: s.start_time } : {}),
          ...(s.end_time ? { end: s.end_time } : {}),
          ...(s.duration_minutes !== null ? { durationMinutes: ctx.store.adapter.toNumber(s.duration_minutes) } : {}),
          cptCodes: JSON.parse(s.cpt_codes_json) as string[],
          modality: s.modality,
          placeOfService: s.place_of_service,
          clinician: name(s.clinician_id),
        })),
        progressNotes: notes.map((n) => {
          const cosign = cosigns.find((c) => c.note_id === n.id);
          return {
            id: n.id,
            ...(n.session_id ? { sessionId: n.session_id } : {}),
            sessionDate: n.session_date,
            format: n.format,
            text: renderProgressNote(ProgressNoteContent.parse(JSON.parse(n.content_json))).text,
            contentHash: n.content_hash,
            signedBy: name(n.signed_by),
            signedAt: n.signed_at,
            ...(cosign ? { cosignature: { signedBy: name(cosign.signer_id), signedAt: cosign.signed_at, contentHash: cosign.content_hash } } : {}),
            addenda: addenda.filter((a) => a.note_id === n.id).map((a) => ({ id: a.id, authorName: name(a.author_id), body: a.body, noteHash: a.note_hash, contentHash: a.content_hash, signedAt: a.signed_at })),
          };
        }),
        diagnoses: diagnoses.map((d) => ({ id: d.id, code: d.code, ...(d.description ? { description: d.description } : {}), ...(d.onset_date ? { onsetDate: d.onset_date } : {}), ...(d.resolved_date ? { resolvedDate: d.resolved_date } : {}) })),
        measures: measures.map((m) => ({ id: m.id, instrument: m.instrument, date: m.administered_on, total: ctx.store.adapter.toNumber(m.total_score), ...(m.session_id ? { sessionId: m.session_id } : {}) })),
      },
    };
  });
}

/** What a built packet's record says about it (no clinical content). */
export interface PacketSummary {
  readonly included: Record<string, number>;
  readonly excluded: Array<{ readonly subject: string; readonly reason: string; readonly count: number; readonly explanation: string }>;
  /** The 164.528(b)(2)(iii) description for the accounting entry. */
  readonly description: string;
  /** The legal bases of the classes released. */
  readonly basis: string;
}

export interface NewPacketRecord {
  readonly requestId: string;
  readonly kind: 'release' | 'access-copy';
  readonly decisionJson: string;
  readonly summary: PacketSummary;
  readonly accountable: boolean;
  readonly withPsychotherapyNotes: boolean;
  readonly pdf: Buffer;
  readonly bundleJson: string;
  /** Set when the packet came from the author's approval (their notes are inside). */
  readonly approval?: { readonly outcome: 'approved'; readonly noteCount: number };
  /** The id to record it under: set when the vault sealed the bytes under this id first. */
  readonly id?: string;
}

export interface PacketRecord {
  readonly id: string;
  readonly requestId: string;
  readonly clientId: string;
  readonly kind: 'release' | 'access-copy';
  readonly accountable: boolean;
  readonly withPsychotherapyNotes: boolean;
  /** Whether the bytes are in the chart database (never for packets holding psychotherapy notes). */
  readonly stored: boolean;
  readonly summary: PacketSummary;
  readonly pdfSha256: string;
  readonly bundleSha256: string;
  readonly builtBy: string;
  readonly builtAt: string;
  readonly delivery: { readonly deliveredOn: string; readonly method: string; readonly disclosureId: string | null; readonly deliveredAt: string } | null;
}

const sha = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Records a built packet and moves the request to `ready`. A packet holding psychotherapy
 * notes is recorded by its hashes only: its bytes never rest outside the vault
 * (ARCHITECTURE.md invariant 2). With `approval`, the author's approval row is written in
 * the same transaction.
 */
export async function savePacket(ctx: RepoContext, p: NewPacketRecord, permission: Permission = 'request.write'): Promise<string> {
  const clientId = await unsafeRequestClient(ctx, p.requestId);
  return guarded(ctx, { permission, action: 'request.create', entityType: 'release-packet', clientId, entityId: p.requestId }, async (t) => {
    const trx = releaseTrx(t);
    const id = p.id ?? newId();
    const at = nowIso();
    await trx
      .insertInto('release_packets')
      .values({
        id,
        request_id: p.requestId,
        client_id: clientId,
        kind: p.kind,
        decision_json: p.decisionJson,
        summary_json: JSON.stringify(p.summary),
        accountable: p.accountable ? 1 : 0,
        with_psychotherapy_notes: p.withPsychotherapyNotes ? 1 : 0,
        pdf: p.withPsychotherapyNotes ? null : p.pdf,
        bundle_json: p.withPsychotherapyNotes ? null : p.bundleJson,
        pdf_sha256: sha(p.pdf),
        bundle_sha256: sha(p.bundleJson),
        built_by: ctx.actor.userId,
        built_at: at,
      })
      .execute();
    if (p.approval) {
      await trx.insertInto('release_approvals').values({ id: newId(), request_id: p.requestId, client_id: clientId, author_id: ctx.actor.userId, outcome: 'approved', note_count: p.approval.noteCount, reason: null, decided_at: at }).execute();
    }
    await setRequestStatusIn(t, p.requestId, 'ready');
    return { value: id, entityId: id };
  });
}

/** Sends a request to its clinicians for approval of the psychotherapy-note release. */
export async function awaitAuthor(ctx: RepoContext, requestId: string): Promise<void> {
  const clientId = await unsafeRequestClient(ctx, requestId);
  await guarded(ctx, { permission: 'request.write', action: 'request.create', entityType: 'request-status', clientId, entityId: requestId }, async (t) => {
    await setRequestStatusIn(t, requestId, 'awaiting-author');
    return { value: undefined };
  });
}

/** The author declines: the request goes back to records staff, who may send the chart alone. */
export async function declineRelease(ctx: RepoContext, requestId: string, reason: string): Promise<void> {
  const why = parseInput(z.string().trim().min(3, 'state why').max(2000), reason, 'approval.reason');
  const clientId = await unsafeRequestClient(ctx, requestId);
  await guarded(ctx, { permission: 'note.write', action: 'request.create', entityType: 'release-approval', clientId, entityId: requestId }, async (t) => {
    const trx = releaseTrx(t);
    await trx.insertInto('release_approvals').values({ id: newId(), request_id: requestId, client_id: clientId, author_id: ctx.actor.userId, outcome: 'declined', note_count: 0, reason: why, decided_at: nowIso() }).execute();
    await setRequestStatusIn(t, requestId, 'open');
    return { value: undefined };
  });
}

export interface ApprovalRecord {
  readonly authorId: string;
  readonly authorName: string;
  readonly outcome: 'approved' | 'declined';
  readonly noteCount: number;
  readonly reason: string | null;
  readonly decidedAt: string;
}

/** Packets, approvals and deliveries of one request (for its page). */
export async function requestOutputs(ctx: RepoContext, requestId: string, permission: Permission = 'request.read'): Promise<{ packets: PacketRecord[]; approvals: ApprovalRecord[] }> {
  const clientId = await unsafeRequestClient(ctx, requestId);
  return guarded(ctx, { permission, action: 'request.read', entityType: 'release-packet', clientId, entityId: requestId }, async (t) => {
    const trx = releaseTrx(t);
    const packets = await trx.selectFrom('release_packets').select(['id', 'request_id', 'client_id', 'kind', 'accountable', 'with_psychotherapy_notes', 'summary_json', 'pdf_sha256', 'bundle_sha256', 'built_by', 'built_at', 'bundle_json']).where('request_id', '=', requestId).orderBy('built_at').execute();
    const deliveries = await trx.selectFrom('release_deliveries').selectAll().where('request_id', '=', requestId).execute();
    const approvals = await trx.selectFrom('release_approvals').innerJoin('users', 'users.id', 'release_approvals.author_id').selectAll('release_approvals').select('users.display_name').where('request_id', '=', requestId).orderBy('decided_at').execute();
    return {
      value: {
        packets: packets.map((p) => toPacket(ctx, p, deliveries.find((d) => d.packet_id === p.id))),
        approvals: approvals.map((a) => ({ authorId: a.author_id, authorName: a.display_name, outcome: a.outcome, noteCount: ctx.store.adapter.toNumber(a.note_count), reason: a.reason, decidedAt: a.decided_at })),
      },
    };
  });
}

type PacketRow = { id: string; request_id: string; client_id: string; kind: 'release' | 'access-copy'; accountable: number | string; with_psychotherapy_notes: number | string; summary_json: string; pdf_sha256: string; bundle_sha256: string; built_by: string; built_at: string; bundle_json: string | null };
type DeliveryRow = { delivered_on: string; method: string; disclosure_id: string | null; delivered_at: string };

function toPacket(ctx: RepoContext, p: PacketRow, d: DeliveryRow | undefined): PacketRecord {
  return {
    id: p.id,
    requestId: p.request_id,
    clientId: p.client_id,
    kind: p.kind,
    accountable: ctx.store.adapter.toNumber(p.accountable) === 1,
    withPsychotherapyNotes: ctx.store.adapter.toNumber(p.with_psychotherapy_notes) === 1,
    stored: p.bundle_json !== null,
    summary: JSON.parse(p.summary_json) as PacketSummary,
    pdfSha256: p.pdf_sha256,
    bundleSha256: p.bundle_sha256,
    builtBy: p.built_by,
    builtAt: p.built_at,
    delivery: d ? { deliveredOn: d.delivered_on, method: d.method, disclosureId: d.disclosure_id, deliveredAt: d.delivered_at } : null,
  };
}

/**
 * Ids of the active users holding the `records` role: the staff an approved
 * psychotherapy-note packet is sealed to. Ids only, no chart content, so it is not audited;
 * the approving author is not otherwise allowed to list users.
 */
export async function unsafeActiveRecordsUserIds(ctx: RepoContext): Promise<string[]> {
  const rows = await ctx.store.db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select('users.id')
    .where('user_roles.role', '=', 'records')
    .where('users.active', '=', 1)
    .orderBy('users.id')
    .execute();
  return [...new Set(rows.map((r) => r.id))];
}

/** A packet's record and, when stored, its documents (audited as a read of the request). */
export async function readPacket(ctx: RepoContext, packetId: string): Promise<PacketRecord & { pdf: Buffer | null; bundleJson: string | null }> {
  const owner = await releaseDb(ctx.store.db).selectFrom('release_packets').select('client_id').where('id', '=', packetId).executeTakeFirst();
  if (!owner) throw new StorageError('not-found', 'packet not found');
  return guarded(ctx, { permission: 'request.read', action: 'request.read', entityType: 'release-packet', clientId: owner.client_id, entityId: packetId }, async (t) => {
    const trx = releaseTrx(t);
    const p = await trx.selectFrom('release_packets').selectAll().where('id', '=', packetId).executeTakeFirstOrThrow();
    const d = await trx.selectFrom('release_deliveries').selectAll().where('packet_id', '=', packetId).executeTakeFirst();
    return { value: { ...toPacket(ctx, p, d), pdf: p.pdf ? Buffer.from(p.pdf) : null, bundleJson: p.bundle_json } };
  });
}

export const DeliveryInput = z.strictObject({
  deliveredOn: IsoDate,
  method: z.enum(['mail', 'secure-email', 'fax', 'portal', 'in-person', 'court-filing']),
});

/**
 * Records that a packet left the practice. When the packet is accountable, the 164.528(b)(2)
 * entry (date, recipient and address, description, purpose, plus the basis) is written in
 * the same transaction; otherwise none is (164.528(a)(1) exclusions: treatment, payment,
 * operations, the client's own access, authorized disclosures).
 */
export async function deliverPacket(ctx: RepoContext, packetId: string, input: z.input<typeof DeliveryInput>): Promise<{ deliveryId: string; disclosureId: string | null }> {
  const d = parseInput(DeliveryInput, input, 'delivery');
  const owner = await releaseDb(ctx.store.db).selectFrom('release_packets').select('client_id').where('id', '=', packetId).executeTakeFirst();
  if (!owner) throw new StorageError('not-found', 'packet not found');
  return guarded(ctx, { permission: 'disclosure.write', action: 'disclosure.record', entityType: 'release-delivery', clientId: owner.client_id, entityId: packetId }, async (t) => {
    const trx = releaseTrx(t);
    const p = await trx.selectFrom('release_packets').selectAll().where('id', '=', packetId).executeTakeFirstOrThrow();
    const req = await trx.selectFrom('records_requests').selectAll().where('id', '=', p.request_id).executeTakeFirstOrThrow();
    if (req.status === 'delivered' || req.status === 'closed') throw new StorageError('conflict', `the request is already ${req.status}`, 'delivery');
    if (d.deliveredOn < req.received_on) throw new StorageError('invalid-input', `is before the request was received (${req.received_on})`, 'delivery.deliveredOn');
    const summary = JSON.parse(p.summary_json) as PacketSummary;
    const details = JSON.parse(req.details_json) as { purpose: string; recipient: { name: string; addressLines: string[] } };
    let disclosureId: string | null = null;
    if (ctx.store.adapter.toNumber(p.accountable) === 1) {
      disclosureId = newId();
      const address = details.recipient.addressLines.join(', ');
      await trx
        .insertInto('disclosures')
        .values({
          id: disclosureId,
          client_id: p.client_id,
          request_id: p.request_id,
          authorization_id: null,
          recipient: address ? `${details.recipient.name}, ${address}` : details.recipient.name,
          purpose: details.purpose,
          description: summary.description,
          legal_basis: summary.basis,
          disclosed_on: d.deliveredOn,
          created_by: ctx.actor.userId,
          created_at: nowIso(),
        })
        .execute();
    }
    const deliveryId = newId();
    await trx
      .insertInto('release_deliveries')
      .values({ id: deliveryId, packet_id: packetId, request_id: p.request_id, client_id: p.client_id, delivered_on: d.deliveredOn, method: d.method, disclosure_id: disclosureId, delivered_by: ctx.actor.userId, delivered_at: nowIso() })
      .execute();
    await setRequestStatusIn(t, p.request_id, 'delivered' satisfies RequestStatus);
    return { value: { deliveryId, disclosureId }, entityId: deliveryId };
  });
}

export interface PendingApproval {
  readonly requestId: string;
  readonly clientId: string;
  readonly clientName: string;
  readonly requesterType: string;
  readonly recipient: string;
  readonly receivedOn: string;
  readonly dueOn: string;
}

/**
 * Requests waiting for this clinician's approval: psychotherapy-note releases about clients
 * they treat (assigned as clinician) that they have not decided on. Each is an audited read.
 */
export async function pendingApprovals(ctx: RepoContext): Promise<PendingApproval[]> {
  const db = releaseDb(ctx.store.db);
  const rows = await db
    .selectFrom('records_requests')
    .innerJoin('client_assignments', (j) => j.onRef('client_assignments.client_id', '=', 'records_requests.client_id').on('client_assignments.user_id', '=', ctx.actor.userId).on('client_assignments.relation', '=', 'clinician'))
    .innerJoin('clients', 'clients.id', 'records_requests.client_id')
    .select(['records_requests.id', 'records_requests.client_id', 'records_requests.requester_kind', 'records_requests.requester', 'records_requests.received_on', 'records_requests.due_on', 'clients.display_name'])
    .where('records_requests.status', '=', 'awaiting-author')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('release_approvals').select('release_approvals.id').whereRef('release_approvals.request_id', '=', 'records_requests.id').where('release_approvals.author_id', '=', ctx.actor.userId))))
    .orderBy('records_requests.due_on')
    .execute();
  const out: PendingApproval[] = [];
  for (const r of rows) {
    // Audited per client, and re-checked against the clinician's grant.
    await guarded(ctx, { permission: 'note.write', action: 'request.read', entityType: 'release-approval', clientId: r.client_id, entityId: r.id }, () => Promise.resolve({ value: undefined }));
    out.push({ requestId: r.id, clientId: r.client_id, clientName: r.display_name, requesterType: r.requester_kind, recipient: r.requester, receivedOn: r.received_on, dueOn: r.due_on });
  }
  return out;
}

/** The accounting of disclosures on file for a client (oldest first), for the report. */
export async function accountingEntries(ctx: RepoContext, clientId: string): Promise<Array<{ id: string; date: string; recipient: string; description: string; purpose: string; basis: string }>> {
  return guarded(ctx, { permission: 'disclosure.read', action: 'disclosure.read', entityType: 'disclosure', clientId }, async (trx) => {
    const rows = await trx.selectFrom('disclosures').selectAll().where('client_id', '=', clientId).orderBy('disclosed_on').orderBy('created_at').execute();
    return { value: rows.map((r) => ({ id: r.id, date: r.disclosed_on, recipient: r.recipient, description: r.description, purpose: r.purpose, basis: r.legal_basis })) };
  });
}
