/**
 * The API's response shapes, validated at the edge (every response goes through one of
 * these before the UI sees it). The main ones are the server's own schemas from the shared
 * pure module `src/api/` (what `docs/openapi.json` is generated from), under the names the
 * screens use; the rest are still written here (docs/architecture.md, "Known debt").
 */
import { z } from 'zod';
import { AiConsentOut, PolishOut } from '../../api/drafting.ts';
import { HomeOut } from '../../api/home.ts';
import {
  AddendumOut,
  AuditEntryOut,
  ChartPageOut,
  ClientOut,
  DiagnosisOut,
  FindingOut,
  GoalOut,
  MeasureOut,
  MeasureResultOut,
  NoticeOut,
  ProgressNoteOut,
  PsychotherapyNoteOut,
  RoleSchema,
  SessionInfo as SessionInfoOut,
  SessionOut,
  UserListEntryOut,
  UserOut,
} from '../../api/schemas.ts';

export { ROLES } from '../../api/schemas.ts';
/** A practice role. */
export const Role = RoleSchema;
export type Role = z.infer<typeof Role>;

/** The signed-in or listed user (GET /api/auth/session, /api/users). */
export const User = UserOut;
export type User = z.infer<typeof User>;
/** A row of the admin's user list (GET /api/users). */
export const UserListEntry = UserListEntryOut;
export type UserListEntry = z.infer<typeof UserListEntry>;

/** An emergency-access notice on one of the user's psychotherapy notes. */
export const Notice = NoticeOut;

/** GET /api/auth/session. */
export const SessionInfo = SessionInfoOut;
export type SessionInfo = z.infer<typeof SessionInfo>;

export const SetupStatus = z.object({ needsSetup: z.boolean() });
export const SetupResult = z.object({ practiceId: z.string(), adminId: z.string(), recoveryCode: z.string() });
export const TotpEnrolment = z.object({ secret: z.string(), otpauthUri: z.string() });
export type TotpEnrolment = z.infer<typeof TotpEnrolment>;
export const TotpPolicy = z.record(Role, z.boolean());
export type TotpPolicy = z.infer<typeof TotpPolicy>;

/** A client (GET /api/clients). */
export const Client = ClientOut;
export type Client = z.infer<typeof Client>;

/** A scheduled or held session. */
export const Session = SessionOut;
export type Session = z.infer<typeof Session>;

/** A documentation-rule finding. */
export const Finding = FindingOut;
export type Finding = z.infer<typeof Finding>;

/** A signed addendum to a progress note. */
export const Addendum = AddendumOut;

/** A progress note with its signatures and addenda. */
export const ProgressNote = ProgressNoteOut;
export type ProgressNote = z.infer<typeof ProgressNote>;

export const SignResult = z.object({ note: ProgressNote, findings: z.array(Finding), overridden: z.array(z.string()) });

/** One page of a client's chart. */
export const ChartPage = ChartPageOut;
export type ChartPage = z.infer<typeof ChartPage>;

/** A psychotherapy note (45 CFR 164.501), only ever to its author. */
export const PsychotherapyNote = PsychotherapyNoteOut;
export type PsychotherapyNote = z.infer<typeof PsychotherapyNote>;
export const PsychotherapySaved = z.object({ id: z.string(), findings: z.array(Finding) });
export const PsychotherapyUpdated = z.object({ findings: z.array(Finding) });

/** A diagnosis on the client's problem list. */
export const Diagnosis = DiagnosisOut;
export type Diagnosis = z.infer<typeof Diagnosis>;
/** A treatment-plan goal. */
export const Goal = GoalOut;
export type Goal = z.infer<typeof Goal>;

/** A scored measure (PHQ-9, GAD-7, PCL-5). */
export const MeasureResult = MeasureResultOut;
/** An administered measure. */
export const Measure = MeasureOut;
export type Measure = z.infer<typeof Measure>;
export const MeasureSaved = z.object({ id: z.string(), result: MeasureResult });

/** GET /api/home. */
export const Home = HomeOut;
export type Home = z.infer<typeof Home>;

/** A row of the audit log. */
export const AuditEntry = AuditEntryOut;
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditPage = z.object({ entries: z.array(AuditEntry.extend({ actorDisplayName: z.string().nullable() })), nextBeforeSeq: z.number().int().nullable() });
export const AuditVerify = z.union([
  z.object({ ok: z.literal(true), rows: z.number().int(), lastHash: z.string() }),
  z.object({ ok: z.literal(false), rows: z.number().int(), brokenSeq: z.number().int(), problem: z.string() }),
]);
export const AccessReportRow = AuditEntry.extend({ actorUsername: z.string().nullable(), actorDisplayName: z.string().nullable() });
export type AccessReportRow = z.infer<typeof AccessReportRow>;

/** The client's consent to language-model assistance (GET/PUT /api/clients/:id/ai-consent). */
export const AiConsent = AiConsentOut;
export type AiConsent = z.infer<typeof AiConsent>;

/** POST /api/notes/:id/polish: the model's rephrasing, or why there is none. */
export const PolishResult = PolishOut;
export type PolishResult = z.infer<typeof PolishResult>;

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional(), requestId: z.string().optional(), details: z.unknown().optional() }),
});
