/**
 * Authorizations in the release workflow (45 CFR 164.508): recorded with the checklist of
 * core elements and required statements as the form shows them, so the gate can say which
 * one is missing; expiry; written revocation, effective on receipt and never retroactive
 * (164.508(b)(5)); scanned copies are attachments (release-requests-repository.ts).
 * Validity is the gate's question (`validateAuthorization`, `decideDisclosure`), not this file's.
 */
import { z } from 'zod';
import { Authorization, RequiredStatements, SIGNER_ROLES, type Authorization as AuthorizationT } from '../../core/disclosure/index.ts';
import { IsoDate } from '../../core/notes/model.ts';
import { newId, nowIso } from '../clock.ts';
import { StorageError } from '../errors.ts';
import type { Permission } from './access-policy.ts';
import { guarded, parseInput, type RepoContext } from './context.ts';
import { recordAuthorization } from './records-repository.ts';
import { releaseTrx } from './release-schema.ts';
import type { AttachmentMeta } from './release-requests-repository.ts';

const FormText = z.string().trim().max(2000);

/**
 * The form as records staff read it. Recipient, purpose and the signing date are needed to
 * file it at all; every other element may be blank, and a blank one makes the form
 * defective (164.508(b)(2)), which the gate reports by name.
 */
export const NewAuthorizationForm = z.strictObject({
  clientId: z.string().min(1, 'is required'),
  kind: z.enum(['general', 'psychotherapy-notes']),
  description: FormText.optional(),
  discloser: FormText.optional(),
  recipient: z.string().trim().min(1, 'is required').max(500),
  purpose: z.string().trim().min(1, 'is required').max(2000),
  expiresOn: IsoDate.optional(),
  expirationEvent: FormText.optional(),
  signedBy: FormText.optional(),
  signedOn: IsoDate,
  signerRole: z.enum(SIGNER_ROLES).default('individual'),
  representativeAuthority: FormText.optional(),
  statements: RequiredStatements.prefault({}),
  combinedWithOther: z.boolean().default(false),
  includesPsychotherapyNotes: z.boolean().default(false),
  improperlyConditioned: z.boolean().default(false),
  /** 164.508(c)(3): written in plain language (recorded; not a (b)(2) defect). */
  plainLanguage: z.boolean().default(false),
  /** 164.508(c)(4): a copy of the signed form was given to the client (recorded). */
  copyGivenToClient: z.boolean().default(false),
});
export type NewAuthorizationForm = z.input<typeof NewAuthorizationForm>;

export interface AuthorizationOnFile {
  /** The form as the gate reads it (`Authorization` from core). */
  readonly authorization: AuthorizationT;
  readonly clientId: string;
  readonly plainLanguage: boolean;
  readonly copyGivenToClient: boolean;
  readonly revocation: { readonly receivedOn: string; readonly note: string | null; readonly recordedAt: string } | null;
  readonly attachments: AttachmentMeta[];
  readonly createdAt: string;
}

/** Files a signed authorization with its checklist. */
export async function fileAuthorization(ctx: RepoContext, input: NewAuthorizationForm): Promise<string> {
  const d = parseInput(NewAuthorizationForm, input, 'authorization');
  const { clientId, kind, recipient, purpose, signedOn, expiresOn, ...details } = d;
  return recordAuthorization(ctx, { clientId, kind, recipient, purpose, signedOn, ...(expiresOn ? { expiresOn } : {}), details });
}

type Details = Omit<z.infer<typeof NewAuthorizationForm>, 'clientId' | 'kind' | 'recipient' | 'purpose' | 'signedOn' | 'expiresOn'>;

/** A client's authorizations as the gate reads them, with revocations and scans. */
export async function listAuthorizationsOnFile(ctx: RepoContext, clientId: string, permission: Permission = 'authorization.read'): Promise<AuthorizationOnFile[]> {
  return guarded(ctx, { permission, action: 'authorization.read', entityType: 'authorization', clientId }, async (t) => {
    const trx = releaseTrx(t);
    const rows = await trx.selectFrom('authorizations').selectAll().where('client_id', '=', clientId).orderBy('signed_on').orderBy('created_at').execute();
    const revocations = await trx.selectFrom('release_revocations').selectAll().where('client_id', '=', clientId).execute();
    const scans = await trx.selectFrom('release_attachments').select(['id', 'authorization_id', 'filename', 'content_type', 'size_bytes', 'sha256', 'uploaded_at']).where('client_id', '=', clientId).where('authorization_id', 'is not', null).execute();
    return {
      value: rows.map((r) => {
        const det = JSON.parse(r.details_json) as Partial<Details>;
        const rev = revocations.find((x) => x.authorization_id === r.id);
        const authorization = Authorization.parse({
          id: r.id,
          kind: r.kind,
          recipient: r.recipient,
          purpose: r.purpose,
          signedOn: r.signed_on,
          ...(r.expires_on ? { expiresOn: r.expires_on } : {}),
          ...(r.revoked_on ? { revokedOn: r.revoked_on } : {}),
          ...pick(det),
        });
        return {
          authorization,
          clientId: r.client_id,
          plainLanguage: det.plainLanguage ?? false,
          copyGivenToClient: det.copyGivenToClient ?? false,
          revocation: rev ? { receivedOn: rev.received_on, note: rev.note, recordedAt: rev.recorded_at } : null,
          attachments: scans
            .filter((s) => s.authorization_id === r.id)
            .map((s) => ({ id: s.id, filename: s.filename, contentType: s.content_type, sizeBytes: ctx.store.adapter.toNumber(s.size_bytes), sha256: s.sha256, uploadedAt: s.uploaded_at })),
          createdAt: r.created_at,
        };
      }),
    };
  });
}

/** The gate's fields from the stored details; checklist-only extras are left out. */
function pick(det: Partial<Details>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['description', 'discloser', 'expirationEvent', 'signedBy', 'signerRole', 'representativeAuthority', 'statements', 'combinedWithOther', 'includesPsychotherapyNotes', 'improperlyConditioned'] as const) {
    const v = det[key];
    // A blank element is a missing one (164.508(c)(1)); the gate reports it.
    if (v !== undefined && v !== '') out[key] = v;
  }
  return out;
}

export const RevocationInput = z.strictObject({
  /** The day the written revocation was received: it takes effect then (164.508(b)(5)). */
  receivedOn: IsoDate,
  note: z.string().trim().max(2000).optional(),
});

/**
 * Records a written revocation. Effective on receipt, not retroactive: disclosures made
 * before `receivedOn` stay valid, because the gate is asked with the disclosure's own date
 * (164.508(b)(5)(i)). Recorded once; the database refuses to change or remove it.
 */
export async function recordRevocation(ctx: RepoContext, authorizationId: string, input: z.input<typeof RevocationInput>): Promise<string> {
  const d = parseInput(RevocationInput, input, 'revocation');
  const row = await ctx.store.db.selectFrom('authorizations').select(['client_id']).where('id', '=', authorizationId).executeTakeFirst();
  if (!row) throw new StorageError('not-found', 'authorization not found');
  return guarded(ctx, { permission: 'authorization.write', action: 'authorization.create', entityType: 'authorization-revocation', clientId: row.client_id, entityId: authorizationId }, async (t) => {
    const trx = releaseTrx(t);
    const auth = await trx.selectFrom('authorizations').select(['signed_on', 'revoked_on']).where('id', '=', authorizationId).executeTakeFirstOrThrow();
    if (auth.revoked_on) throw new StorageError('conflict', `already revoked on ${auth.revoked_on}`, 'revocation');
    if (d.receivedOn < auth.signed_on) throw new StorageError('invalid-input', `is before the form was signed (${auth.signed_on})`, 'revocation.receivedOn');
    const id = newId();
    await trx.insertInto('release_revocations').values({ id, authorization_id: authorizationId, client_id: row.client_id, received_on: d.receivedOn, note: d.note ?? null, recorded_by: ctx.actor.userId, recorded_at: nowIso() }).execute();
    // Only a null revoked_on is ever set: the date, once recorded, does not move.
    await trx.updateTable('authorizations').set({ revoked_on: d.receivedOn }).where('id', '=', authorizationId).where('revoked_on', 'is', null).execute();
    return { value: id, entityId: id };
  });
}
