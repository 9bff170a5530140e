/**
 * The release-of-information and training API as the web app uses it
 * (docs/release-workflow.md, `docs/openapi.json`). Every response is validated with these
 * schemas before a screen sees it, like `src/web/api/`. The gate's own schemas
 * (`DisclosureDecision`, `Authorization`) come from `src/core/disclosure`, which is pure and
 * isomorphic, so the decision view shows exactly what the gate answered.
 */
import { z } from 'zod';
import { Authorization, DisclosureDecision, type RequesterType } from '../../core/disclosure/index.ts';
import { get, post } from '../api/client.ts';

const enc = encodeURIComponent;
const Created = z.object({ id: z.string() });

export const Attachment = z.object({ id: z.string(), filename: z.string(), contentType: z.string(), sizeBytes: z.number(), sha256: z.string(), uploadedAt: z.string() });
export type Attachment = z.infer<typeof Attachment>;

export const QueueItem = z.object({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  requesterType: z.string(),
  requesterLabel: z.string(),
  recipient: z.string(),
  receivedOn: z.string(),
  dueOn: z.string(),
  dueKind: z.enum(['regulatory', 'practice-target']),
  daysLeft: z.number(),
  status: z.string(),
});
export type QueueItem = z.infer<typeof QueueItem>;

const RequestEvent = z.object({ id: z.string(), kind: z.string(), step: z.string().nullable(), occurredOn: z.string(), note: z.string().nullable(), recordedBy: z.string(), recordedAt: z.string() });

export const ReleaseRequest = z.object({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  requesterType: z.string(),
  requesterLabel: z.string(),
  asksFor: z.string(),
  recipient: z.object({ name: z.string(), addressLines: z.array(z.string()), attention: z.string().optional() }),
  purpose: z.string(),
  description: z.string(),
  dateRange: z.object({ from: z.string().optional(), to: z.string().optional() }),
  recordsAsked: z.array(z.string()).optional(),
  receivedOn: z.string(),
  dueOn: z.string(),
  dueKind: z.string(),
  extended: z.boolean(),
  status: z.string(),
  satisfactoryAssurance: z.string(),
  events: z.array(RequestEvent),
  attachments: z.array(Attachment),
});
export type ReleaseRequest = z.infer<typeof ReleaseRequest>;

export const Packet = z.object({
  id: z.string(),
  kind: z.string(),
  accountable: z.boolean(),
  withPsychotherapyNotes: z.boolean(),
  stored: z.boolean(),
  summary: z.object({
    included: z.record(z.string(), z.number()),
    excluded: z.array(z.object({ subject: z.string(), reason: z.string(), count: z.number(), explanation: z.string() })),
    description: z.string(),
    basis: z.string(),
  }),
  pdfSha256: z.string(),
  bundleSha256: z.string(),
  builtAt: z.string(),
  delivery: z.object({ deliveredOn: z.string(), method: z.string(), disclosureId: z.string().nullable(), deliveredAt: z.string() }).nullable(),
});
export type Packet = z.infer<typeof Packet>;

const Approval = z.object({ authorId: z.string(), authorName: z.string(), outcome: z.string(), noteCount: z.number(), reason: z.string().nullable(), decidedAt: z.string() });

export const AuthorizationOnFile = z.object({
  authorization: Authorization,
  plainLanguage: z.boolean(),
  copyGivenToClient: z.boolean(),
  revocation: z.object({ receivedOn: z.string(), note: z.string().nullable(), recordedAt: z.string() }).nullable(),
  attachments: z.array(Attachment),
  check: z.object({ valid: z.boolean(), problems: z.array(z.object({ code: z.string(), message: z.string(), element: z.string().optional() })) }),
});
export type AuthorizationOnFile = z.infer<typeof AuthorizationOnFile>;

export const RequestDetail = z.object({
  request: ReleaseRequest,
  decision: DisclosureDecision,
  authorizations: z.array(AuthorizationOnFile),
  packets: z.array(Packet),
  approvals: z.array(Approval),
  subpoenaSteps: z.array(z.object({ step: z.string(), label: z.string(), rule: z.string() })),
  extension: z.object({ available: z.boolean(), noticeBy: z.string().optional(), newDueOn: z.string().optional(), rule: z.string().optional() }),
});
export type RequestDetail = z.infer<typeof RequestDetail>;

const BuildResult = z.object({
  outcome: z.enum(['built', 'awaiting-author']),
  packet: z.looseObject({ packetId: z.string(), kind: z.string(), accountable: z.boolean(), withPsychotherapyNotes: z.boolean() }).optional(),
});

export const AccountingEntry = z.object({ id: z.string(), date: z.string(), recipient: z.string(), description: z.string(), purpose: z.string(), basis: z.string() });
export type AccountingEntry = z.infer<typeof AccountingEntry>;

export const PendingApproval = z.object({ requestId: z.string(), clientId: z.string(), clientName: z.string(), requesterType: z.string(), recipient: z.string(), receivedOn: z.string(), dueOn: z.string() });
export type PendingApproval = z.infer<typeof PendingApproval>;

export const ApprovalView = z.object({
  request: ReleaseRequest.pick({ id: true, clientId: true, clientName: true, requesterType: true, requesterLabel: true, recipient: true, purpose: true, description: true, dateRange: true, receivedOn: true, dueOn: true, status: true }),
  decision: DisclosureDecision,
  notes: z.array(z.object({ id: z.string(), sessionDate: z.string().optional(), body: z.string() })),
});
export type ApprovalView = z.infer<typeof ApprovalView>;

export const TrainingQuestion = z.object({ id: z.string(), topic: z.string(), prompt: z.string(), choices: z.array(z.string()) });
export type TrainingQuestion = z.infer<typeof TrainingQuestion>;
export const TrainingResult = z.object({
  score: z.number(),
  correctCount: z.number(),
  total: z.number(),
  passed: z.boolean(),
  passMark: z.number(),
  completionId: z.string().nullable(),
  feedback: z.array(z.object({ id: z.string(), chosen: z.number().nullable(), correct: z.boolean(), correctChoice: z.number(), correctText: z.string(), explanation: z.string(), citation: z.string() })),
});
export type TrainingResult = z.infer<typeof TrainingResult>;
export const Completion = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  active: z.boolean(),
  completedAt: z.string().nullable(),
  score: z.number().nullable(),
  attempts: z.number(),
});
export type Completion = z.infer<typeof Completion>;

/** The parts of the chart a request can name (the server's `REQUEST_RECORD_KINDS`). */
export const RECORD_KINDS = ['sessions', 'diagnoses', 'measures', 'progress-notes'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** The body of `POST /api/release/requests` (the server's `NewReleaseRequest`). */
export interface NewRequestBody {
  clientId: string;
  requesterType: RequesterType;
  asksFor: 'records' | 'accounting-of-disclosures';
  recipient: { name: string; addressLines: string[]; attention?: string };
  purpose: string;
  description: string;
  dateRange: { from?: string; to?: string };
  recordsAsked?: RecordKind[];
  receivedOn: string;
  courtOrder?: { coversProgressNotes: boolean; coversPsychotherapyNotes: boolean };
  oversight?: { ofOriginator: boolean };
  representative?: { authorityVerified: boolean };
  payer?: { selfPayRestriction: boolean };
}

/** The body of `POST /api/clients/:id/authorizations` (the server's `NewAuthorizationForm`). */
export interface NewAuthorizationBody {
  kind: 'general' | 'psychotherapy-notes';
  description?: string;
  discloser?: string;
  recipient: string;
  purpose: string;
  expiresOn?: string;
  expirationEvent?: string;
  signedBy?: string;
  signedOn: string;
  signerRole: 'individual' | 'personal-representative';
  representativeAuthority?: string;
  statements: { rightToRevoke: boolean; conditioning: boolean; redisclosure: boolean };
  combinedWithOther: boolean;
  includesPsychotherapyNotes: boolean;
  improperlyConditioned: boolean;
  plainLanguage: boolean;
  copyGivenToClient: boolean;
}

export const DELIVERY_METHODS = ['mail', 'secure-email', 'fax', 'portal', 'in-person', 'court-filing'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

/** Attachment types the server accepts (PDF or a scanned image, at most 5 MiB). */
export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff'] as const;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

export const releaseApi = {
  queue: (all: boolean) => get(`/api/release/queue${all ? '?all=1' : ''}`, z.array(QueueItem)),
  createRequest: (body: NewRequestBody) => post('/api/release/requests', Created, body),
  request: (id: string) => get(`/api/release/requests/${enc(id)}`, RequestDetail),
  extension: (id: string, body: { sentOn: string; reason: string }) => post(`/api/release/requests/${enc(id)}/extension`, Created, body),
  subpoenaStep: (id: string, body: { step: string; completedOn: string; note?: string }) => post(`/api/release/requests/${enc(id)}/subpoena-steps`, Created, body),
  close: (id: string, body: { reason: string; on: string }) => post(`/api/release/requests/${enc(id)}/close`, null, body),
  build: (id: string) => post(`/api/release/requests/${enc(id)}/packet`, BuildResult),
  attach: (body: { requestId?: string; authorizationId?: string; filename: string; contentType: string; dataBase64: string }) => post('/api/release/attachments', Attachment, body),
  authorizations: (clientId: string) => get(`/api/clients/${enc(clientId)}/authorizations`, z.array(AuthorizationOnFile)),
  fileAuthorization: (clientId: string, body: NewAuthorizationBody) => post(`/api/clients/${enc(clientId)}/authorizations`, Created, body),
  revoke: (authorizationId: string, body: { receivedOn: string; note?: string }) => post(`/api/release/authorizations/${enc(authorizationId)}/revocation`, Created, body),
  deliver: (packetId: string, body: { deliveredOn: string; method: DeliveryMethod }) => post(`/api/release/packets/${enc(packetId)}/deliver`, z.object({ deliveryId: z.string(), disclosureId: z.string().nullable() }), body),
  accounting: (clientId: string) => get(`/api/clients/${enc(clientId)}/accounting`, z.array(AccountingEntry)),
  approvals: () => get('/api/release/approvals', z.array(PendingApproval)),
  approval: (requestId: string) => get(`/api/release/approvals/${enc(requestId)}`, ApprovalView),
  decide: (requestId: string, body: { decision: 'approve' } | { decision: 'decline'; reason: string }) =>
    post(`/api/release/approvals/${enc(requestId)}`, z.object({ outcome: z.enum(['approved', 'declined']), packetId: z.string().optional() }), body),
  questions: () => get('/api/training/questions', z.array(TrainingQuestion)),
  attempt: (answers: Record<string, number>) => post('/api/training/attempts', TrainingResult, { answers }),
  completions: () => get('/api/training/completions', z.array(Completion)),
};

/** Download addresses (GET; the session cookie authorizes them, no CSRF token needed). */
export const downloads = {
  attachment: (id: string) => `/api/release/attachments/${enc(id)}`,
  packetPdf: (id: string) => `/api/release/packets/${enc(id)}/pdf`,
  packetFhir: (id: string) => `/api/release/packets/${enc(id)}/fhir`,
  accountingPdf: (clientId: string, q: { requestedOn?: string; periodFrom?: string }) => {
    const qs = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => Boolean(e[1]))).toString();
    return `/api/clients/${enc(clientId)}/accounting/pdf${qs ? `?${qs}` : ''}`;
  },
};

export const releaseKeys = {
  queue: (all: boolean) => ['release', 'queue', all] as const,
  request: (id: string) => ['release', 'request', id] as const,
  authorizations: (clientId: string) => ['release', 'authorizations', clientId] as const,
  accounting: (clientId: string) => ['release', 'accounting', clientId] as const,
  approvals: ['release', 'approvals'] as const,
  approval: (id: string) => ['release', 'approval', id] as const,
  questions: ['training', 'questions'] as const,
  completions: ['training', 'completions'] as const,
};

/** Reads a file as base64 for the attachment route. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(new Error('The file could not be read.'));
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}
