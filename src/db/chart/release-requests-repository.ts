/**
 * Records requests in the release workflow: intake with due dates, the queue, the
 * deadline-extension notice (45 CFR 164.524(b)(2)(iii), 164.528(c)(1)(ii)), the subpoena
 * checklist (164.512(e)(1)(ii)–(v)) and attached documents (the subpoena, the order, a
 * scanned authorization). Every access goes through `guarded()` (audited in the same
 * transaction). What may be released is never decided here: that is `decideDisclosure`.
 */
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import type {
  SatisfactoryAssurance} from '../../core/disclosure/index.ts';
import {
  accessDeadline,
  accountingDeadline,
  addDays,
  CourtOrderDetails,
  DEFAULT_DEADLINE_POLICY,
  OversightDetails,
  PayerDetails,
  RepresentativeDetails,
  RequesterType,
  RequestSubject,
  type DeadlinePolicy,
  type Deadline,
} from '../../core/disclosure/index.ts';
import { IsoDate } from '../../core/notes/model.ts';
import { newId, nowIso } from '../clock.ts';
import { StorageError } from '../errors.ts';
import type { Permission } from './access-policy.ts';
import { guarded, parseInput, type RepoContext } from './context.ts';
import { releaseDb, releaseTrx } from './release-schema.ts';
import type { ChartDatabase } from './schema.ts';

const Text = z.string().trim().min(1, 'is required').max(500);

/** The parts of the chart a request can name (the release generators' vocabulary). */
export const REQUEST_RECORD_KINDS = ['sessions', 'diagnoses', 'measures', 'progress-notes'] as const;

/** What records staff enter when a request arrives. */
export const NewReleaseRequest = z
  .strictObject({
    clientId: z.string().min(1, 'is required'),
    requesterType: RequesterType,
    asksFor: RequestSubject.default('records'),
    recipient: z.strictObject({ name: Text, addressLines: z.array(Text).max(6).default([]), attention: Text.optional() }),
    purpose: Text,
    /** What the request asks for, in the requester's words. */
    description: z.string().trim().max(2000).default(''),
    dateRange: z.strictObject({ from: IsoDate.optional(), to: IsoDate.optional() }).default({}),
    recordsAsked: z.array(z.enum(REQUEST_RECORD_KINDS)).max(4).optional(),
    receivedOn: IsoDate,
    courtOrder: CourtOrderDetails.optional(),
    oversight: OversightDetails.optional(),
    representative: RepresentativeDetails.optional(),
    payer: PayerDetails.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.dateRange.from && r.dateRange.to && r.dateRange.from > r.dateRange.to) ctx.addIssue({ code: 'custom', path: ['dateRange', 'to'], message: 'is before the start of the range' });
    // 164.512(e)(1)(i): a court order releases only what it names; record what it names.
    if (r.requesterType === 'court-order' && !r.courtOrder) ctx.addIssue({ code: 'custom', path: ['courtOrder'], message: 'record what the order names' });
  });
export type NewReleaseRequest = z.input<typeof NewReleaseRequest>;
type StoredDetails = Omit<z.infer<typeof NewReleaseRequest>, 'clientId' | 'requesterType' | 'receivedOn'> & { dueKind: DueKind };

/** Queue states, in the order a request moves through them. */
export const REQUEST_STATUSES = ['open', 'awaiting-author', 'ready', 'delivered', 'closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/**
 * `regulatory`: a deadline the rule sets (right of access, accounting). `practice-target`:
 * no rule sets one (e.g. a payer or a subpoena's own return date); 30 days is the
 * practice's working target so nothing sits in the queue unseen.
 */
export type DueKind = 'regulatory' | 'practice-target';
export const PRACTICE_TARGET_DAYS = 30;

/** The rule-set deadline for a request, if any (the same functions the gate uses). */
export function regulatoryDeadline(requesterType: string, asksFor: string, receivedOn: string, policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY): Deadline | undefined {
  const access = requesterType === 'individual' || requesterType === 'personal-representative';
  if (asksFor === 'accounting-of-disclosures') return accountingDeadline(receivedOn, policy);
  return access ? accessDeadline(receivedOn, policy) : undefined;
}

/** Subpoena checklist steps (164.512(e)(1)(ii)–(v)), in the order they usually happen. */
export const SUBPOENA_STEPS = ['notice-to-client', 'objection-window-closed', 'satisfactory-assurance', 'qualified-protective-order'] as const;
export type SubpoenaStep = (typeof SUBPOENA_STEPS)[number];

export const SUBPOENA_STEP_LABELS: Readonly<Record<SubpoenaStep, { label: string; rule: string }>> = {
  'notice-to-client': { label: 'Written notice of the request was given to the client (or a good-faith attempt made)', rule: '45 CFR 164.512(e)(1)(iii)(A)–(B)' },
  'objection-window-closed': { label: 'The time to object has passed, with no objection or all objections resolved', rule: '45 CFR 164.512(e)(1)(iii)(C)' },
  'satisfactory-assurance': { label: "The requesting party's written statement and documentation of the notice was received", rule: '45 CFR 164.512(e)(1)(ii)(A), (iii)' },
  'qualified-protective-order': { label: 'A qualified protective order (or the stipulated request for one) was received', rule: '45 CFR 164.512(e)(1)(ii)(B), (iv)–(v)' },
};

export interface RequestEvent {
  readonly id: string;
  readonly kind: 'extension-notice' | 'subpoena-step' | 'status';
  readonly step: string | null;
  readonly occurredOn: string;
  readonly note: string | null;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface AttachmentMeta {
  readonly id: string;
  readonly filename: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly uploadedAt: string;
}

export interface ReleaseRequestRecord {
  readonly id: string;
  readonly clientId: string;
  readonly clientName: string;
  readonly requesterType: RequesterType;
  readonly asksFor: 'records' | 'accounting-of-disclosures';
  readonly recipient: { readonly name: string; readonly addressLines: string[]; readonly attention?: string | undefined };
  readonly purpose: string;
  readonly description: string;
  readonly dateRange: { readonly from?: string | undefined; readonly to?: string | undefined };
  readonly recordsAsked?: Array<(typeof REQUEST_RECORD_KINDS)[number]> | undefined;
  readonly receivedOn: string;
  readonly dueOn: string;
  readonly dueKind: DueKind;
  readonly extended: boolean;
  readonly status: RequestStatus;
  readonly details: Pick<StoredDetails, 'courtOrder' | 'oversight' | 'representative' | 'payer'>;
  /** What the subpoena checklist supports, as the gate's `subpoena.satisfactoryAssurance`. */
  readonly satisfactoryAssurance: SatisfactoryAssurance;
  readonly events: RequestEvent[];
  readonly attachments: AttachmentMeta[];
  readonly createdAt: string;
}

/**
 * The assurance the recorded checklist supports: a qualified protective order, or the
 * notice route complete (notice given, objection window closed, written statement
 * received); otherwise none. 45 CFR 164.512(e)(1)(ii)–(v).
 */
export function assuranceFromSteps(steps: readonly string[]): SatisfactoryAssurance {
  const done = new Set(steps);
  if (done.has('qualified-protective-order')) return 'qualified-protective-order';
  if (done.has('notice-to-client') && done.has('objection-window-closed') && done.has('satisfactory-assurance')) return 'notice';
  return 'none';
}

/** Logs a request; its due date comes from the deadline policy (164.524(b)(2), 164.528(c)(1)). */
export async function createReleaseRequest(ctx: RepoContext, input: NewReleaseRequest, policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY): Promise<string> {
  const d = parseInput(NewReleaseRequest, input, 'request');
  const deadline = regulatoryDeadline(d.requesterType, d.asksFor, d.receivedOn, policy);
  const dueOn = deadline ? deadline.date : addDays(d.receivedOn, PRACTICE_TARGET_DAYS);
  const { clientId, requesterType, receivedOn, ...rest } = d;
  const details: StoredDetails = { ...rest, dueKind: deadline ? 'regulatory' : 'practice-target' };
  return guarded(ctx, { permission: 'request.write', action: 'request.create', entityType: 'records-request', clientId }, async (trx) => {
    const id = newId();
    await trx
      .insertInto('records_requests')
      .values({ id, client_id: clientId, requester_kind: requesterType, requester: d.recipient.name, received_on: receivedOn, due_on: dueOn, status: 'open', details_json: JSON.stringify(details), created_by: ctx.actor.userId, created_at: nowIso() })
      .execute();
    return { value: id, entityId: id };
  });
}

/** The client a request belongs to, without revealing it: unknown ids are `not-found`. */
export async function unsafeRequestClient(ctx: RepoContext, requestId: string): Promise<string> {
  const row = await ctx.store.db.selectFrom('records_requests').select('client_id').where('id', '=', requestId).executeTakeFirst();
  if (!row) throw new StorageError('not-found', 'request not found');
  return row.client_id;
}

/** One request with its history and attachments (audited as a read of the client's request). */
export async function getReleaseRequest(ctx: RepoContext, requestId: string, permission: Permission = 'request.read'): Promise<ReleaseRequestRecord> {
  const clientId = await unsafeRequestClient(ctx, requestId);
  return guarded(ctx, { permission, action: 'request.read', entityType: 'records-request', clientId, entityId: requestId }, async (t) => {
    const trx = releaseTrx(t);
    const row = await trx.selectFrom('records_requests').innerJoin('clients', 'clients.id', 'records_requests.client_id').selectAll('records_requests').select('clients.display_name').where('records_requests.id', '=', requestId).executeTakeFirstOrThrow();
    const events = await trx.selectFrom('release_request_events').selectAll().where('request_id', '=', requestId).orderBy('recorded_at').orderBy('id').execute();
    const attachments = await trx.selectFrom('release_attachments').select(['id', 'filename', 'content_type', 'size_bytes', 'sha256', 'uploaded_at']).where('request_id', '=', requestId).orderBy('uploaded_at').execute();
    return { value: toRecord(row, events, attachments, ctx) };
  });
}

type RequestRow = { id: string; client_id: string; requester_kind: string; received_on: string; due_on: string; status: string; details_json: string; created_at: string; display_name: string };
type EventRow = { id: string; kind: string; step: string | null; occurred_on: string; note: string | null; recorded_by: string; recorded_at: string };
type AttachmentRow = { id: string; filename: string; content_type: string; size_bytes: number | string; sha256: string; uploaded_at: string };

function toRecord(row: RequestRow, events: readonly EventRow[], attachments: readonly AttachmentRow[], ctx: RepoContext): ReleaseRequestRecord {
  const details = JSON.parse(row.details_json) as StoredDetails;
  const steps = events.filter((e) => e.kind === 'subpoena-step' && e.step).map((e) => e.step!);
  return {
    id: row.id,
    clientId: row.client_id,
    clientName: row.display_name,
    requesterType: RequesterType.parse(row.requester_kind),
    asksFor: details.asksFor,
    recipient: details.recipient,
    purpose: details.purpose,
    description: details.description,
    dateRange: details.dateRange,
    recordsAsked: details.recordsAsked,
    receivedOn: row.received_on,
    dueOn: row.due_on,
    dueKind: details.dueKind,
    extended: events.some((e) => e.kind === 'extension-notice'),
    status: (REQUEST_STATUSES as readonly string[]).includes(row.status) ? (row.status as RequestStatus) : 'open',
    details: { courtOrder: details.courtOrder, oversight: details.oversight, representative: details.representative, payer: details.payer },
    satisfactoryAssurance: assuranceFromSteps(steps),
    events: events.map((e) => ({ id: e.id, kind: e.kind as RequestEvent['kind'], step: e.step, occurredOn: e.occurred_on, note: e.note, recordedBy: e.recorded_by, recordedAt: e.recorded_at })),
    attachments: attachments.map((a) => ({ id: a.id, filename: a.filename, contentType: a.content_type, sizeBytes: ctx.store.adapter.toNumber(a.size_bytes), sha256: a.sha256, uploadedAt: a.uploaded_at })),
    createdAt: row.created_at,
  };
}

export interface QueueItem {
  readonly id: string;
  readonly clientId: string;
  readonly clientName: string;
  readonly requesterType: string;
  readonly recipient: string;
  readonly receivedOn: string;
  readonly dueOn: string;
  readonly dueKind: DueKind;
  readonly status: RequestStatus;
}

/**
 * The practice's request queue, soonest due first. Records staff work across all clients
 * (their grant is practice-wide), so this is a practice-level read, audited once.
 */
export async function listQueue(ctx: RepoContext, includeFinished = false): Promise<QueueItem[]> {
  return guarded(ctx, { permission: 'request.read', action: 'request.read', entityType: 'records-request-queue', clientId: null }, async (trx) => {
    let q = trx.selectFrom('records_requests').innerJoin('clients', 'clients.id', 'records_requests.client_id').selectAll('records_requests').select('clients.display_name');
    if (!includeFinished) q = q.where('records_requests.status', 'not in', ['delivered', 'closed']);
    const rows = await q.orderBy('records_requests.due_on').orderBy('records_requests.received_on').execute();
    return {
      value: rows.map((r) => {
        const details = JSON.parse(r.details_json) as StoredDetails;
        return { id: r.id, clientId: r.client_id, clientName: r.display_name, requesterType: r.requester_kind, recipient: r.requester, receivedOn: r.received_on, dueOn: r.due_on, dueKind: details.dueKind, status: r.status as RequestStatus };
      }),
    };
  });
}

export const ExtensionNoticeInput = z.strictObject({
  /** The day the written notice went to the requester. */
  sentOn: IsoDate,
  /** 164.524(b)(2)(iii)(A): the reasons for the delay. */
  reason: z.string().trim().min(10, 'state the reason for the delay (at least 10 characters)').max(2000),
});

/**
 * Records the one permitted extension: the written notice must give the reason and the new
 * date and be sent by the original deadline (164.524(b)(2)(iii); 164.528(c)(1)(ii)). Moves
 * the due date to the extended one.
 */
export async function recordExtensionNotice(ctx: RepoContext, requestId: string, input: z.input<typeof ExtensionNoticeInput>, policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY): Promise<string> {
  const d = parseInput(ExtensionNoticeInput, input, 'extension');
  const clientId = await unsafeRequestClient(ctx, requestId);
  return guarded(ctx, { permission: 'request.write', action: 'request.create', entityType: 'request-extension-notice', clientId, entityId: requestId }, async (t) => {
    const trx = releaseTrx(t);
    const row = await trx.selectFrom('records_requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
    const details = JSON.parse(row.details_json) as StoredDetails;
    const deadline = regulatoryDeadline(row.requester_kind, details.asksFor, row.received_on, policy);
    if (!deadline?.extension) throw new StorageError('invalid-input', 'no rule allows an extension for this kind of request', 'extension');
    const prior = await trx.selectFrom('release_request_events').select('id').where('request_id', '=', requestId).where('kind', '=', 'extension-notice').executeTakeFirst();
    // One extension only (164.524(b)(2)(iv)).
    if (prior) throw new StorageError('conflict', 'the one permitted extension was already taken', 'extension');
    if (d.sentOn > deadline.extension.noticeBy) throw new StorageError('invalid-input', `is after ${deadline.extension.noticeBy}, the original deadline; the notice must be sent by then`, 'extension.sentOn');
    if (d.sentOn < row.received_on) throw new StorageError('invalid-input', `is before the request was received (${row.received_on})`, 'extension.sentOn');
    const id = newId();
    await trx
      .insertInto('release_request_events')
      .values({ id, request_id: requestId, client_id: clientId, kind: 'extension-notice', step: null, occurred_on: d.sentOn, note: d.reason, data_json: JSON.stringify({ newDueOn: deadline.extension.date, rule: deadline.extension.rule }), recorded_by: ctx.actor.userId, recorded_at: nowIso() })
      .execute();
    await trx.updateTable('records_requests').set({ due_on: deadline.extension.date }).where('id', '=', requestId).execute();
    return { value: id, entityId: id };
  });
}

export const SubpoenaStepInput = z.strictObject({
  step: z.enum(SUBPOENA_STEPS),
  completedOn: IsoDate,
  note: z.string().trim().max(2000).optional(),
});

/** Records one subpoena checklist step: who (the actor), when, and a note. */
export async function recordSubpoenaStep(ctx: RepoContext, requestId: string, input: z.input<typeof SubpoenaStepInput>): Promise<string> {
  const d = parseInput(SubpoenaStepInput, input, 'step');
  const clientId = await unsafeRequestClient(ctx, requestId);
  return guarded(ctx, { permission: 'request.write', action: 'request.create', entityType: 'request-subpoena-step', clientId, entityId: requestId }, async (t) => {
    const trx = releaseTrx(t);
    const row = await trx.selectFrom('records_requests').select(['requester_kind', 'received_on']).where('id', '=', requestId).executeTakeFirstOrThrow();
    if (row.requester_kind !== 'attorney-subpoena') throw new StorageError('invalid-input', 'the subpoena checklist applies to subpoenas without a court order only', 'step');
    if (d.completedOn < row.received_on) throw new StorageError('invalid-input', `is before the request was received (${row.received_on})`, 'step.completedOn');
    const done = await trx.selectFrom('release_request_events').select('id').where('request_id', '=', requestId).where('kind', '=', 'subpoena-step').where('step', '=', d.step).executeTakeFirst();
    if (done) throw new StorageError('conflict', 'this step is already recorded', 'step.step');
    const id = newId();
    await trx
      .insertInto('release_request_events')
      .values({ id, request_id: requestId, client_id: clientId, kind: 'subpoena-step', step: d.step, occurred_on: d.completedOn, note: d.note ?? null, data_json: '{}', recorded_by: ctx.actor.userId, recorded_at: nowIso() })
      .execute();
    return { value: id, entityId: id };
  });
}

/** Closes a request without a release (denied, withdrawn), with the reason on record. */
export async function closeRequest(ctx: RepoContext, requestId: string, reason: string, on: string): Promise<void> {
  const why = parseInput(z.string().trim().min(3, 'state why the request is closed').max(2000), reason, 'close.reason');
  const day = parseInput(IsoDate, on, 'close.on');
  const clientId = await unsafeRequestClient(ctx, requestId);
  await guarded(ctx, { permission: 'request.write', action: 'request.create', entityType: 'request-status', clientId, entityId: requestId }, async (t) => {
    const trx = releaseTrx(t);
    const row = await trx.selectFrom('records_requests').select('status').where('id', '=', requestId).executeTakeFirstOrThrow();
    if (row.status === 'delivered' || row.status === 'closed') throw new StorageError('conflict', `the request is already ${row.status}`, 'status');
    await trx
      .insertInto('release_request_events')
      .values({ id: newId(), request_id: requestId, client_id: clientId, kind: 'status', step: 'closed', occurred_on: day, note: why, data_json: '{}', recorded_by: ctx.actor.userId, recorded_at: nowIso() })
      .execute();
    await trx.updateTable('records_requests').set({ status: 'closed' }).where('id', '=', requestId).execute();
    return { value: undefined };
  });
}

/** Largest attachment accepted (a scanned subpoena or form; 5 MiB). */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
/** Scans and documents only: no active content is stored or served back. */
export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff'] as const;

export const NewAttachment = z
  .strictObject({
    requestId: z.string().min(1).optional(),
    authorizationId: z.string().min(1).optional(),
    filename: z.string().trim().min(1, 'is required').max(200).regex(/^[^/\\\0]+$/, 'must be a file name without a path'),
    contentType: z.enum(ATTACHMENT_TYPES),
    content: z.instanceof(Uint8Array).refine((b) => b.byteLength > 0, 'is empty').refine((b) => b.byteLength <= MAX_ATTACHMENT_BYTES, `is larger than ${MAX_ATTACHMENT_BYTES} bytes`),
  })
  .refine((a) => (a.requestId === undefined) !== (a.authorizationId === undefined), { message: 'attach to a request or to an authorization', path: ['requestId'] });

/** Stores a document in the chart database (never in the vault) against a request or an authorization. */
export async function addAttachment(ctx: RepoContext, input: z.input<typeof NewAttachment>): Promise<AttachmentMeta> {
  const d = parseInput(NewAttachment, input, 'attachment');
  const owner = d.requestId
    ? await ctx.store.db.selectFrom('records_requests').select('client_id').where('id', '=', d.requestId).executeTakeFirst()
    : await ctx.store.db.selectFrom('authorizations').select('client_id').where('id', '=', d.authorizationId!).executeTakeFirst();
  if (!owner) throw new StorageError('not-found', 'request or authorization not found');
  return guarded(ctx, { permission: d.requestId ? 'request.write' : 'authorization.write', action: d.requestId ? 'request.create' : 'authorization.create', entityType: 'release-attachment', clientId: owner.client_id }, async (t) => {
    const trx = releaseTrx(t);
    const meta: AttachmentMeta = { id: newId(), filename: d.filename, contentType: d.contentType, sizeBytes: d.content.byteLength, sha256: createHash('sha256').update(d.content).digest('hex'), uploadedAt: nowIso() };
    await trx
      .insertInto('release_attachments')
      .values({ id: meta.id, client_id: owner.client_id, request_id: d.requestId ?? null, authorization_id: d.authorizationId ?? null, filename: meta.filename, content_type: meta.contentType, size_bytes: meta.sizeBytes, sha256: meta.sha256, content: Buffer.from(d.content), uploaded_by: ctx.actor.userId, uploaded_at: meta.uploadedAt })
      .execute();
    return { value: meta, entityId: meta.id };
  });
}

/** Reads one attachment's bytes (audited as a read of the request or authorization). */
export async function readAttachment(ctx: RepoContext, attachmentId: string): Promise<AttachmentMeta & { content: Buffer }> {
  const owner = await releaseTrxDb(ctx).selectFrom('release_attachments').select(['client_id', 'request_id']).where('id', '=', attachmentId).executeTakeFirst();
  if (!owner) throw new StorageError('not-found', 'attachment not found');
  return guarded(ctx, { permission: owner.request_id ? 'request.read' : 'authorization.read', action: owner.request_id ? 'request.read' : 'authorization.read', entityType: 'release-attachment', clientId: owner.client_id, entityId: attachmentId }, async (t) => {
    const r = await releaseTrx(t).selectFrom('release_attachments').selectAll().where('id', '=', attachmentId).executeTakeFirstOrThrow();
    return { value: { id: r.id, filename: r.filename, contentType: r.content_type, sizeBytes: ctx.store.adapter.toNumber(r.size_bytes), sha256: r.sha256, uploadedAt: r.uploaded_at, content: Buffer.from(r.content) } };
  });
}

function releaseTrxDb(ctx: RepoContext) {
  return releaseDb(ctx.store.db);
}

/** Moves a request along the queue (used by the packet and approval steps). */
export async function setRequestStatusIn(trx: Transaction<ChartDatabase>, requestId: string, status: RequestStatus): Promise<void> {
  await trx.updateTable('records_requests').set({ status }).where('id', '=', requestId).execute();
}
