/**
 * Response schemas (the request schemas are the repositories' own zod inputs). Each is
 * registered with an OpenAPI id so the web app and `docs/openapi.json` share one name.
 */
import { z } from 'zod';
import { ProgressNoteContent, PsychotherapyNoteContent, SessionLogistics } from '../core/notes/model.ts';
import { ROLES } from '../db/chart/schema.ts';

export const RoleSchema = z.enum(ROLES);

export const UserOut = z
  .object({ id: z.string(), username: z.string(), displayName: z.string(), roles: z.array(RoleSchema).readonly() })
  .meta({ id: 'User' });

/** A row of the admin's user list: account state and second factor (45 CFR 164.312(d)). */
export const UserListEntryOut = UserOut.extend({ active: z.boolean(), totpEnrolled: z.boolean(), totpPending: z.boolean() }).meta({ id: 'UserListEntry' });

export const NoticeOut = z
  .object({ id: z.string(), accessedBy: z.string(), noteId: z.string().nullable(), reason: z.string(), accessedAt: z.string() })
  .meta({ id: 'EmergencyAccessNotice', description: 'Someone used emergency access on one of your psychotherapy notes (45 CFR 164.312(a)(2)(ii)).' });

export const SessionInfo = z
  .object({
    user: UserOut,
    /** Echo in `X-CSRF-Token` on every POST, PUT, PATCH and DELETE. */
    csrfToken: z.string(),
    idleTimeoutSeconds: z.number().int(),
    absoluteExpiresAt: z.string(),
    totpEnrolled: z.boolean(),
    totpEnrolmentRequired: z.boolean(),
    vaultUnlocked: z.boolean(),
    notices: z.array(NoticeOut),
  })
  .meta({ id: 'SessionInfo' });

export const ClientOut = z
  .object({ id: z.string(), displayName: z.string(), dateOfBirth: z.string().nullable(), externalRef: z.string().nullable(), createdAt: z.string() })
  .meta({ id: 'Client' });

export const SessionOut = z
  .object({ id: z.string(), clientId: z.string(), clinicianId: z.string(), logistics: SessionLogistics, createdAt: z.string() })
  .meta({ id: 'Session' });

export const FindingOut = z
  .object({
    rule: z.string(),
    severity: z.enum(['error', 'warning']),
    message: z.string(),
    fix: z.string(),
    citation: z.string(),
    start: z.number().int(),
    end: z.number().int(),
    data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .meta({ id: 'Finding' });

export const ProgressNoteOut = z
  .object({
    id: z.string(),
    clientId: z.string(),
    sessionId: z.string().nullable(),
    authorId: z.string(),
    status: z.enum(['draft', 'signed']),
    version: z.number().int(),
    content: ProgressNoteContent,
    contentHash: z.string().nullable(),
    signedBy: z.string().nullable(),
    signedAt: z.string().nullable(),
    signatures: z.array(z.object({ signerId: z.string(), kind: z.enum(['author', 'cosign']), contentHash: z.string(), signedAt: z.string() })).readonly(),
    addenda: z.array(z.object({ id: z.string(), authorId: z.string(), body: z.string(), noteHash: z.string(), contentHash: z.string(), signedAt: z.string() })).readonly(),
  })
  .meta({ id: 'ProgressNote' });

export const ChartPageOut = z
  .object({
    rows: z
      .array(z.object({ id: z.string(), sessionId: z.string().nullable(), sessionDate: z.string(), format: z.string(), status: z.enum(['draft', 'signed']), authorId: z.string(), signedAt: z.string().nullable() }))
      .readonly(),
    next: z.object({ sessionDate: z.string(), id: z.string() }).optional(),
  })
  .meta({ id: 'ChartPage' });

export const PsychotherapyNoteOut = z
  .object({ id: z.string(), authorId: z.string(), clientId: z.string(), content: PsychotherapyNoteContent, createdAt: z.string(), updatedAt: z.string() })
  .meta({ id: 'PsychotherapyNote' });

export const DiagnosisOut = z
  .object({ id: z.string(), clientId: z.string(), code: z.string(), description: z.string().nullable(), onsetDate: z.string().nullable() })
  .meta({ id: 'Diagnosis' });

export const GoalOut = z.object({ id: z.string(), description: z.string(), targetDate: z.string().nullable(), status: z.string() }).meta({ id: 'Goal' });

export const MeasureResultOut = z
  .object({
    instrument: z.enum(['phq9', 'gad7', 'pcl5']),
    total: z.number(),
    band: z.object({ key: z.string(), label: z.string() }),
    flags: z.object({ item9Positive: z.boolean().optional(), item9Value: z.number().optional() }),
    subscores: z.record(z.string(), z.number()).optional(),
    provisionalPtsd: z.object({ byCutoff: z.boolean(), byDsm5Rule: z.boolean(), cutoff: z.number() }).optional(),
  })
  .meta({ id: 'MeasureResult' });

export const MeasureOut = z
  .object({
    id: z.string(),
    clientId: z.string(),
    sessionId: z.string().nullable(),
    instrument: z.enum(['phq9', 'gad7', 'pcl5']),
    administeredOn: z.string(),
    items: z.array(z.number()).readonly(),
    result: MeasureResultOut,
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Measure' });

export const AuditEntryOut = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorRole: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    clientId: z.string().nullable(),
    outcome: z.enum(['allowed', 'denied', 'failed']),
    requestId: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
