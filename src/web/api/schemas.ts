/**
 * The API's response shapes, validated at the edge (every response goes through one of
 * these before the UI sees it). They mirror `src/server/schemas.ts` and `docs/openapi.json`;
 * the web app keeps its own copy so the browser bundle never imports server code.
 */
import { z } from 'zod';
import { SectionName } from '../../core/notes/formats.ts';
import { ProgressNoteContent, PsychotherapyNoteContent, SessionLogistics } from '../../core/notes/model.ts';

export const ROLES = ['admin', 'clinician', 'supervisor', 'records', 'biller'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const User = z.object({ id: z.string(), username: z.string(), displayName: z.string(), roles: z.array(Role) });
export type User = z.infer<typeof User>;
/** A row of the admin's user list (GET /api/users). */
export const UserListEntry = User.extend({ active: z.boolean(), totpEnrolled: z.boolean(), totpPending: z.boolean() });
export type UserListEntry = z.infer<typeof UserListEntry>;

export const Notice = z.object({ id: z.string(), accessedBy: z.string(), noteId: z.string().nullable(), reason: z.string(), accessedAt: z.string() });

export const SessionInfo = z.object({
  user: User,
  csrfToken: z.string(),
  idleTimeoutSeconds: z.number().int(),
  absoluteExpiresAt: z.string(),
  totpEnrolled: z.boolean(),
  totpEnrolmentRequired: z.boolean(),
  vaultUnlocked: z.boolean(),
  notices: z.array(Notice),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const SetupStatus = z.object({ needsSetup: z.boolean() });
export const SetupResult = z.object({ practiceId: z.string(), adminId: z.string(), recoveryCode: z.string() });
export const TotpEnrolment = z.object({ secret: z.string(), otpauthUri: z.string() });
export type TotpEnrolment = z.infer<typeof TotpEnrolment>;
export const TotpPolicy = z.record(Role, z.boolean());
export type TotpPolicy = z.infer<typeof TotpPolicy>;

export const Client = z.object({ id: z.string(), displayName: z.string(), dateOfBirth: z.string().nullable(), externalRef: z.string().nullable(), createdAt: z.string() });
export type Client = z.infer<typeof Client>;

export const Session = z.object({ id: z.string(), clientId: z.string(), clinicianId: z.string(), logistics: SessionLogistics, createdAt: z.string() });
export type Session = z.infer<typeof Session>;

export const Finding = z.object({
  rule: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  fix: z.string(),
  citation: z.string(),
  start: z.number().int(),
  end: z.number().int(),
});
export type Finding = z.infer<typeof Finding>;

export const Addendum = z.object({ id: z.string(), authorId: z.string(), body: z.string(), noteHash: z.string(), contentHash: z.string(), signedAt: z.string() });

export const ProgressNote = z.object({
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
  signatures: z.array(z.object({ signerId: z.string(), kind: z.enum(['author', 'cosign']), contentHash: z.string(), signedAt: z.string() })),
  addenda: z.array(Addendum),
});
export type ProgressNote = z.infer<typeof ProgressNote>;

export const SignResult = z.object({ note: ProgressNote, findings: z.array(Finding), overridden: z.array(z.string()) });

export const ChartPage = z.object({
  rows: z.array(z.object({ id: z.string(), sessionId: z.string().nullable(), sessionDate: z.string(), format: z.string(), status: z.enum(['draft', 'signed']), authorId: z.string(), signedAt: z.string().nullable() })),
  next: z.object({ sessionDate: z.string(), id: z.string() }).optional(),
});
export type ChartPage = z.infer<typeof ChartPage>;

export const PsychotherapyNote = z.object({ id: z.string(), authorId: z.string(), clientId: z.string(), content: PsychotherapyNoteContent, createdAt: z.string(), updatedAt: z.string() });
export type PsychotherapyNote = z.infer<typeof PsychotherapyNote>;
export const PsychotherapySaved = z.object({ id: z.string(), findings: z.array(Finding) });
export const PsychotherapyUpdated = z.object({ findings: z.array(Finding) });

export const Diagnosis = z.object({ id: z.string(), clientId: z.string(), code: z.string(), description: z.string().nullable(), onsetDate: z.string().nullable() });
export type Diagnosis = z.infer<typeof Diagnosis>;
export const Goal = z.object({ id: z.string(), description: z.string(), targetDate: z.string().nullable(), status: z.string() });
export type Goal = z.infer<typeof Goal>;

const Instrument = z.enum(['phq9', 'gad7', 'pcl5']);
export const MeasureResult = z.object({
  instrument: Instrument,
  total: z.number(),
  band: z.object({ key: z.string(), label: z.string() }),
  flags: z.object({ item9Positive: z.boolean().optional(), item9Value: z.number().optional() }),
});
export const Measure = z.object({
  id: z.string(),
  clientId: z.string(),
  sessionId: z.string().nullable(),
  instrument: Instrument,
  administeredOn: z.string(),
  items: z.array(z.number()),
  result: MeasureResult,
  createdBy: z.string(),
  createdAt: z.string(),
});
export type Measure = z.infer<typeof Measure>;
export const MeasureSaved = z.object({ id: z.string(), result: MeasureResult });

export const Home = z.object({
  today: z.string(),
  todaysSessions: z.array(z.object({ id: z.string(), clientId: z.string(), clientName: z.string(), start: z.string().nullable(), end: z.string().nullable(), modality: z.string() })),
  drafts: z.array(z.object({ id: z.string(), clientId: z.string(), clientName: z.string(), sessionDate: z.string(), updatedAt: z.string() })),
  awaitingCosign: z.array(z.object({ id: z.string(), clientId: z.string(), clientName: z.string(), sessionDate: z.string(), authorId: z.string(), signedAt: z.string().nullable() })),
  item9Alerts: z.array(z.object({ measureId: z.string(), clientId: z.string(), clientName: z.string(), administeredOn: z.string(), item9: z.number() })),
});
export type Home = z.infer<typeof Home>;

export const AuditEntry = z.object({
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
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditPage = z.object({ entries: z.array(AuditEntry.extend({ actorDisplayName: z.string().nullable() })), nextBeforeSeq: z.number().int().nullable() });
export const AuditVerify = z.union([
  z.object({ ok: z.literal(true), rows: z.number().int(), lastHash: z.string() }),
  z.object({ ok: z.literal(false), rows: z.number().int(), brokenSeq: z.number().int(), problem: z.string() }),
]);
export const AccessReportRow = AuditEntry.extend({ actorUsername: z.string().nullable(), actorDisplayName: z.string().nullable() });
export type AccessReportRow = z.infer<typeof AccessReportRow>;

const AiConsentEvent = z.object({ status: z.enum(['granted', 'revoked']), note: z.string().nullable(), recordedBy: z.string(), recordedByName: z.string().nullable(), recordedAt: z.string() });
/** The client's consent to language-model assistance (GET/PUT /api/clients/:id/ai-consent). */
export const AiConsent = z.object({ clientId: z.string(), granted: z.boolean(), current: AiConsentEvent.nullable(), history: z.array(AiConsentEvent), modelConfigured: z.boolean() });
export type AiConsent = z.infer<typeof AiConsent>;

/** POST /api/notes/:id/polish: the model's rephrasing, or why there is none. */
export const PolishResult = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('rephrased'),
    model: z.string(),
    draftText: z.string(),
    text: z.string(),
    diff: z.array(z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() })),
    findings: z.array(Finding).nullable(),
    invented: z.array(z.object({ kind: z.string(), text: z.string() })),
    sections: z.partialRecord(SectionName, z.string()).nullable(),
    problem: z.string().nullable(),
    version: z.number().int(),
  }),
  z.object({ status: z.literal('refused'), reason: z.string(), draftText: z.string() }),
  z.object({ status: z.literal('failed'), error: z.string(), detail: z.string(), draftText: z.string() }),
]);
export type PolishResult = z.infer<typeof PolishResult>;

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional(), requestId: z.string().optional(), details: z.unknown().optional() }),
});
