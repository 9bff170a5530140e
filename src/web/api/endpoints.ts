/** One function per API route the web app uses, typed by the schemas in `schemas.ts`. */
import { z } from 'zod';
import type { ProgressNoteContent, PsychotherapyNoteContent, SessionLogistics } from '../../core/notes/model.ts';
import type { InstrumentId } from '../../core/measures/index.ts';
import { get, post, put } from './client.ts';
import * as S from './schemas.ts';

const enc = encodeURIComponent;
const Created = z.object({ id: z.string() });

export const api = {
  setupStatus: () => get('/api/setup', S.SetupStatus),
  setup: (body: { practiceName: string; admin: { username: string; displayName: string; password: string; clinician: boolean } }) => post('/api/setup', S.SetupResult, body),
  login: (body: { username: string; password: string; totpCode?: string }) => post('/api/auth/login', S.SessionInfo, body),
  logout: () => post('/api/auth/logout', null),
  session: () => get('/api/auth/session', S.SessionInfo),
  acknowledgeNotices: () => post('/api/auth/notices/acknowledge', null),
  totpEnrol: () => post('/api/auth/totp/enrol', S.TotpEnrolment),
  totpConfirm: (code: string) => post('/api/auth/totp/confirm', null, { code }),

  home: () => get('/api/home', S.Home),

  users: () => get('/api/users', z.array(S.UserListEntry)),
  createUser: (body: { username: string; displayName: string; password: string; roles: S.Role[] }) => post('/api/users', S.User, body),
  totpPolicy: () => get('/api/admin/totp-policy', S.TotpPolicy),
  setTotpPolicy: (body: Partial<Record<S.Role, boolean>>) => put('/api/admin/totp-policy', S.TotpPolicy, body),

  clients: () => get('/api/clients', z.array(S.Client)),
  client: (id: string) => get(`/api/clients/${enc(id)}`, S.Client),
  createClient: (body: { displayName: string; dateOfBirth?: string; externalRef?: string }) => post('/api/clients', S.Client, body),
  assign: (clientId: string, body: { userId: string; relation: 'clinician' | 'supervisor' }) => post(`/api/clients/${enc(clientId)}/assignments`, null, body),

  sessions: (clientId: string) => get(`/api/clients/${enc(clientId)}/sessions`, z.array(S.Session)),
  createSession: (clientId: string, logistics: SessionLogistics) => post(`/api/clients/${enc(clientId)}/sessions`, S.Session, { logistics }),

  chartNotes: (clientId: string) => get(`/api/clients/${enc(clientId)}/notes?limit=200`, S.ChartPage),
  note: (noteId: string) => get(`/api/notes/${enc(noteId)}`, S.ProgressNote),
  createNote: (clientId: string, sessionId: string, content: ProgressNoteContent) => post(`/api/clients/${enc(clientId)}/notes`, S.ProgressNote, { sessionId, content }),
  updateNote: (noteId: string, version: number, content: ProgressNoteContent) => put(`/api/notes/${enc(noteId)}`, S.ProgressNote, { version, content }),
  signNote: (noteId: string, version: number, overrideReason?: string) =>
    post(`/api/notes/${enc(noteId)}/sign`, S.SignResult, { version, ...(overrideReason ? { overrideReason } : {}) }),
  addAddendum: (noteId: string, body: string) => post(`/api/notes/${enc(noteId)}/addenda`, S.Addendum, { body }),
  cosign: (noteId: string) => post(`/api/notes/${enc(noteId)}/cosign`, S.ProgressNote),

  psychotherapyNotes: (clientId: string) => get(`/api/psychotherapy-notes?clientId=${enc(clientId)}`, z.array(S.PsychotherapyNote)),
  createPsychotherapyNote: (clientId: string, content: PsychotherapyNoteContent) => post('/api/psychotherapy-notes', S.PsychotherapySaved, { clientId, content }),
  updatePsychotherapyNote: (noteId: string, content: PsychotherapyNoteContent) => put(`/api/psychotherapy-notes/${enc(noteId)}`, S.PsychotherapyUpdated, { content }),
  emergencyAccess: (body: { noteId: string; recoveryCode: string; reason: string }) => post('/api/emergency-access', S.PsychotherapyNote, body),

  diagnoses: (clientId: string) => get(`/api/clients/${enc(clientId)}/diagnoses`, z.array(S.Diagnosis)),
  addDiagnosis: (clientId: string, body: { code: string; description?: string }) => post(`/api/clients/${enc(clientId)}/diagnoses`, S.Diagnosis, body),
  goals: (clientId: string) => get(`/api/clients/${enc(clientId)}/goals`, z.array(S.Goal)),
  addGoal: (clientId: string, body: { description: string; targetDate?: string }) => post(`/api/clients/${enc(clientId)}/goals`, Created, body),
  measures: (clientId: string) => get(`/api/clients/${enc(clientId)}/measures`, z.array(S.Measure)),
  addMeasure: (clientId: string, body: { instrument: InstrumentId; administeredOn: string; items: number[]; sessionId?: string }) =>
    post(`/api/clients/${enc(clientId)}/measures`, S.MeasureSaved, body),

  aiConsent: (clientId: string) => get(`/api/clients/${enc(clientId)}/ai-consent`, S.AiConsent),
  setAiConsent: (clientId: string, body: { granted: boolean; note?: string }) => put(`/api/clients/${enc(clientId)}/ai-consent`, S.AiConsent, body),
  polishNote: (noteId: string) => post(`/api/notes/${enc(noteId)}/polish`, S.PolishResult),

  audit: (q: Record<string, string>) => get(`/api/audit?${new URLSearchParams({ limit: '500', ...q }).toString()}`, S.AuditPage),
  verifyAudit: () => get('/api/audit/verify', S.AuditVerify),
  accessReport: (clientId: string) => get(`/api/clients/${enc(clientId)}/access-report`, z.array(S.AccessReportRow)),
};

/** Query keys, one place, so invalidation after a mutation hits the right caches. */
export const keys = {
  session: ['session'] as const,
  setup: ['setup'] as const,
  home: ['home'] as const,
  users: ['users'] as const,
  totpPolicy: ['totp-policy'] as const,
  clients: ['clients'] as const,
  client: (id: string) => ['client', id] as const,
  sessions: (id: string) => ['client', id, 'sessions'] as const,
  chartNotes: (id: string) => ['client', id, 'notes'] as const,
  diagnoses: (id: string) => ['client', id, 'diagnoses'] as const,
  goals: (id: string) => ['client', id, 'goals'] as const,
  measures: (id: string) => ['client', id, 'measures'] as const,
  psychotherapy: (id: string) => ['client', id, 'psychotherapy'] as const,
  note: (id: string) => ['note', id] as const,
  audit: (q: Record<string, string>) => ['audit', q] as const,
  accessReport: (id: string) => ['access-report', id] as const,
  aiConsent: (id: string) => ['client', id, 'ai-consent'] as const,
};
