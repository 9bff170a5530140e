/**
 * Release-of-information records: authorizations (164.508), records requests (164.524 and
 * others) and the accounting of disclosures (164.528). Deciding what may be released is the
 * disclosure gate's job (`src/core/disclosure`); this file only stores what was decided.
 */
import { z } from 'zod';
import { IsoDate } from '../../core/notes/model.ts';
import { newId, nowIso } from '../clock.ts';
import { StorageError } from '../errors.ts';
import { guarded, parseInput, type RepoContext } from './context.ts';

export const NewAuthorizationInput = z
  .object({
    clientId: z.string().min(1, 'is required'),
    // 164.508(b)(3)(ii): a psychotherapy-notes authorization is never combined with another.
    kind: z.enum(['general', 'psychotherapy-notes']),
    recipient: z.string().trim().min(1, 'is required').max(500),
    purpose: z.string().trim().min(1, 'is required').max(2000),
    signedOn: IsoDate,
    expiresOn: IsoDate.optional(),
    details: z.record(z.string(), z.unknown()).default({}),
  })
  .superRefine((a, ctx) => {
    if (a.expiresOn && a.expiresOn < a.signedOn) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: `is before the signing date ${a.signedOn}` });
  });
export type NewAuthorizationInput = z.input<typeof NewAuthorizationInput>;

/** Records a signed authorization. */
export async function recordAuthorization(ctx: RepoContext, input: NewAuthorizationInput): Promise<string> {
  const d = parseInput(NewAuthorizationInput, input, 'authorization');
  return guarded(ctx, { permission: 'authorization.write', action: 'authorization.create', entityType: 'authorization', clientId: d.clientId }, async (trx) => {
    const id = newId();
    await trx
      .insertInto('authorizations')
      .values({ id, client_id: d.clientId, kind: d.kind, recipient: d.recipient, purpose: d.purpose, signed_on: d.signedOn, expires_on: d.expiresOn ?? null, revoked_on: null, details_json: JSON.stringify(d.details), created_by: ctx.actor.userId, created_at: nowIso() })
      .execute();
    return { value: id, entityId: id };
  });
}

export const NewRecordsRequestInput = z
  .object({
    clientId: z.string().min(1, 'is required'),
    requesterKind: z.string().trim().min(1, 'is required').max(100),
    requester: z.string().trim().min(1, 'is required').max(500),
    receivedOn: IsoDate,
    dueOn: IsoDate,
    details: z.record(z.string(), z.unknown()).default({}),
  })
  .superRefine((r, ctx) => {
    if (r.dueOn < r.receivedOn) ctx.addIssue({ code: 'custom', path: ['dueOn'], message: `is before the date received ${r.receivedOn}` });
  });
export type NewRecordsRequestInput = z.input<typeof NewRecordsRequestInput>;

/** Logs a records request. */
export async function createRecordsRequest(ctx: RepoContext, input: NewRecordsRequestInput): Promise<string> {
  const d = parseInput(NewRecordsRequestInput, input, 'request');
  return guarded(ctx, { permission: 'request.write', action: 'request.create', entityType: 'records-request', clientId: d.clientId }, async (trx) => {
    const id = newId();
    await trx
      .insertInto('records_requests')
      .values({ id, client_id: d.clientId, requester_kind: d.requesterKind, requester: d.requester, received_on: d.receivedOn, due_on: d.dueOn, status: 'open', details_json: JSON.stringify(d.details), created_by: ctx.actor.userId, created_at: nowIso() })
      .execute();
    return { value: id, entityId: id };
  });
}

export const NewDisclosureInput = z.object({
  clientId: z.string().min(1, 'is required'),
  requestId: z.string().min(1).optional(),
  authorizationId: z.string().min(1).optional(),
  recipient: z.string().trim().min(1, 'is required').max(500),
  purpose: z.string().trim().min(1, 'is required').max(2000),
  description: z.string().trim().min(1, 'is required').max(5000),
  legalBasis: z.string().trim().min(1, 'is required').max(500),
  disclosedOn: IsoDate,
});
export type NewDisclosureInput = z.input<typeof NewDisclosureInput>;

export interface DisclosureEntry {
  readonly id: string;
  readonly recipient: string;
  readonly purpose: string;
  readonly description: string;
  readonly legalBasis: string;
  readonly disclosedOn: string;
}

/** Adds an entry to the accounting of disclosures (164.528(b)); entries are append-only. */
export async function recordDisclosure(ctx: RepoContext, input: NewDisclosureInput): Promise<string> {
  const d = parseInput(NewDisclosureInput, input, 'disclosure');
  return guarded(ctx, { permission: 'disclosure.write', action: 'disclosure.record', entityType: 'disclosure', clientId: d.clientId }, async (trx) => {
    if (d.requestId) {
      const r = await trx.selectFrom('records_requests').select('id').where('id', '=', d.requestId).where('client_id', '=', d.clientId).executeTakeFirst();
      if (!r) throw new StorageError('invalid-input', "is not one of this client's records requests", 'disclosure.requestId');
    }
    if (d.authorizationId) {
      const a = await trx.selectFrom('authorizations').select('id').where('id', '=', d.authorizationId).where('client_id', '=', d.clientId).executeTakeFirst();
      if (!a) throw new StorageError('invalid-input', "is not one of this client's authorizations", 'disclosure.authorizationId');
    }
    const id = newId();
    await trx
      .insertInto('disclosures')
      .values({ id, client_id: d.clientId, request_id: d.requestId ?? null, authorization_id: d.authorizationId ?? null, recipient: d.recipient, purpose: d.purpose, description: d.description, legal_basis: d.legalBasis, disclosed_on: d.disclosedOn, created_by: ctx.actor.userId, created_at: nowIso() })
      .execute();
    return { value: id, entityId: id };
  });
}

/** The accounting of disclosures for a client, oldest first. */
export async function listDisclosures(ctx: RepoContext, clientId: string): Promise<DisclosureEntry[]> {
  return guarded(ctx, { permission: 'disclosure.read', action: 'disclosure.read', entityType: 'disclosure', clientId }, async (trx) => {
    const rows = await trx.selectFrom('disclosures').selectAll().where('client_id', '=', clientId).orderBy('disclosed_on').orderBy('created_at').execute();
    return { value: rows.map((r) => ({ id: r.id, recipient: r.recipient, purpose: r.purpose, description: r.description, legalBasis: r.legal_basis, disclosedOn: r.disclosed_on })) };
  });
}
