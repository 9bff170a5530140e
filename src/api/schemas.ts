/**
 * The API's shared response schemas: the server validates and documents its responses with
 * them (`docs/openapi.json` takes each `.meta({ id })` as a component name) and the web
 * client parses every response with the same objects, so the two sides cannot drift apart.
 *
 * Pure and isomorphic like `src/core`: only zod and `src/core`, no `node:*`, nothing from
 * `src/server` or `src/db` (it is bundled into the browser app). The request schemas stay
 * with the repositories' own zod inputs on the server.
 */
import { z } from 'zod';
import { ProgressNoteContent, PsychotherapyNoteContent, SessionLogistics } from '../core/notes/model.ts';

import { ROLES } from './roles.ts';

export { ROLES, type Role } from './roles.ts';

/** A practice role as the API sends and accepts it. */
export const RoleSchema = z.enum(ROLES);

/** A user as the API shows them (never a password hash or a TOTP secret). */
export const UserOut = z
  .object({ id: z.string(), username: z.string(), displayName: z.string(), roles: z.array(RoleSchema).readonly() })
  .meta({ id: 'User' });

/** A row of the admin's user list: account state and second factor (45 CFR 164.312(d)). */
export const UserListEntryOut = UserOut.extend({ active: z.boolean(), totpEnrolled: z.boolean(), totpPending: z.boolean() }).meta({ id: 'UserListEntry' });

export const NoticeOut = z
  .object({ id: z.string(), accessedBy: z.string(), noteId: z.string().nullable(), reason: z.string(), accessedAt: z.string() })
  .meta({ id: 'EmergencyAccessNotice', description: 'Someone used emergency access on one of your psychotherapy notes (45 CFR 164.312(a)(2)(ii)).' });

/** The signed-in session (GET /api/auth/session): user, CSRF token and timeouts (45 CFR 164.312(a)(2)(iii)). */
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

/** A client of the practice. */
export const ClientOut = z
  .object({ id: z.string(), displayName: z.string(), dateOfBirth: z.string().nullable(), externalRef: z.string().nullable(), createdAt: z.string() })
  .meta({ id: 'Client' });

/** A scheduled or held session with its logistics. */
export const SessionOut = z
  .object({ id: z.string(), clientId: z.string(), clinicianId: z.string(), logistics: SessionLogistics, createdAt: z.string() })
  .meta({ id: 'Session' });

/** A documentation-rule finding on a note's text, with its citation and span. */
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

/** A signed addendum to a progress note: its own hash and the note hash it amends. */
export const AddendumOut = z.object({ id: z.string(), authorId: z.string(), body: z.string(), noteHash: z.string(), contentHash: z.string(), signedAt: z.string() });

/** A progress note with its signatures and addenda (signed notes are immutable). */
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
    addenda: z.array(AddendumOut).readonly(),
  })
  .meta({ id: 'ProgressNote' });

/** One page of a client's chart, newest session first, with the cursor to the next. */
export const ChartPageOut = z
  .object({
    rows: z
      .array(z.object({ id: z.string(), sessionId: z.string().nullable(), sessionDate: z.string(), format: z.string(), status: z.enum(['draft', 'signed']), authorId: z.string(), signedAt: z.string().nullable() }))
      .readonly(),
    next: z.object({ sessionDate: z.string(), id: z.string() }).optional(),
  })
  .meta({ id: 'ChartPage' });

/** A psychotherapy note (45 CFR 164.501), shown only to its author. */
export const PsychotherapyNoteOut = z
  .object({ id: z.string(), authorId: z.string(), clientId: z.string(), content: PsychotherapyNoteContent, createdAt: z.string(), updatedAt: z.string() })
  .meta({ id: 'PsychotherapyNote' });

/** A diagnosis on the client's problem list (ICD-10-CM code). */
export const DiagnosisOut = z
  .object({ id: z.string(), clientId: z.string(), code: z.string(), description: z.string().nullable(), onsetDate: z.string().nullable() })
  .meta({ id: 'Diagnosis' });

/** A treatment-plan goal. */
export const GoalOut = z.object({ id: z.string(), description: z.string(), targetDate: z.string().nullable(), status: z.string() }).meta({ id: 'Goal' });

/** The score of a measure (PHQ-9, GAD-7, PCL-5), its band and flags such as PHQ-9 item 9. */
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

/** An administered measure with its items and result. */
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

/** A row of the audit log (45 CFR 164.312(b)). */
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
