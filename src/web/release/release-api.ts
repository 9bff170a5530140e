/**
 * The release-of-information and training API as the web app uses it
 * (docs/release-workflow.md, `docs/openapi.json`). Every response is validated before a
 * screen sees it with the server's own schemas from the shared pure module
 * `src/api/release.ts`, under the names the screens use.
 */
import { z } from 'zod';
import {
  AccountingEntryOut,
  ApprovalDecisionOut,
  ApprovalViewOut,
  AttachmentOut,
  AuthorizationOnFileOut,
  BuildOut,
  CreatedOut as Created,
  DeliveryOut,
  PacketOut,
  PendingApprovalOut,
  QueueItemOut,
  ReleaseRequestOut,
  RequestDetailOut,
} from '../../api/release.ts';
import { CompletionOut, TrainingQuestionOut, TrainingResultOut } from '../../api/training.ts';
import type { RequesterType } from '../../core/disclosure/index.ts';
import { get, post } from '../api/client.ts';

const enc = encodeURIComponent;
/** A stored attachment (never its bytes). */
export const Attachment = AttachmentOut;
export type Attachment = z.infer<typeof Attachment>;

/** A row of the records queue. */
export const QueueItem = QueueItemOut;
export type QueueItem = z.infer<typeof QueueItem>;

/** A records request as filed. */
export const ReleaseRequest = ReleaseRequestOut;
export type ReleaseRequest = z.infer<typeof ReleaseRequest>;

/** A built release packet. */
export const Packet = PacketOut;
export type Packet = z.infer<typeof Packet>;

/** An authorization on file with the gate's check. */
export const AuthorizationOnFile = AuthorizationOnFileOut;
export type AuthorizationOnFile = z.infer<typeof AuthorizationOnFile>;

/** One request with the gate's decision, authorizations, packets and approvals. */
export const RequestDetail = RequestDetailOut;
export type RequestDetail = z.infer<typeof RequestDetail>;

/** An entry of the accounting of disclosures. */
export const AccountingEntry = AccountingEntryOut;
export type AccountingEntry = z.infer<typeof AccountingEntry>;

/** A psychotherapy-note release waiting for the author. */
export const PendingApproval = PendingApprovalOut;
export type PendingApproval = z.infer<typeof PendingApproval>;

/** What the author sees before approving. */
export const ApprovalView = ApprovalViewOut;
export type ApprovalView = z.infer<typeof ApprovalView>;

/** A quiz question without its answer key. */
export const TrainingQuestion = TrainingQuestionOut;
export type TrainingQuestion = z.infer<typeof TrainingQuestion>;
/** A scored quiz attempt. */
export const TrainingResult = TrainingResultOut;
export type TrainingResult = z.infer<typeof TrainingResult>;
/** A user's training completion. */
export const Completion = CompletionOut;
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
  build: (id: string) => post(`/api/release/requests/${enc(id)}/packet`, BuildOut),
  attach: (body: { requestId?: string; authorizationId?: string; filename: string; contentType: string; dataBase64: string }) => post('/api/release/attachments', Attachment, body),
  authorizations: (clientId: string) => get(`/api/clients/${enc(clientId)}/authorizations`, z.array(AuthorizationOnFile)),
  fileAuthorization: (clientId: string, body: NewAuthorizationBody) => post(`/api/clients/${enc(clientId)}/authorizations`, Created, body),
  revoke: (authorizationId: string, body: { receivedOn: string; note?: string }) => post(`/api/release/authorizations/${enc(authorizationId)}/revocation`, Created, body),
  deliver: (packetId: string, body: { deliveredOn: string; method: DeliveryMethod }) => post(`/api/release/packets/${enc(packetId)}/deliver`, DeliveryOut, body),
  accounting: (clientId: string) => get(`/api/clients/${enc(clientId)}/accounting`, z.array(AccountingEntry)),
  approvals: () => get('/api/release/approvals', z.array(PendingApproval)),
  approval: (requestId: string) => get(`/api/release/approvals/${enc(requestId)}`, ApprovalView),
  decide: (requestId: string, body: { decision: 'approve' } | { decision: 'decline'; reason: string }) =>
    post(`/api/release/approvals/${enc(requestId)}`, ApprovalDecisionOut, body),
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
