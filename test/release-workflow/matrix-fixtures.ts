/**
 * Who may call each release and training route, and a valid request for each, prepared
 * fresh per call. Shared by this folder's matrix test and the server's route × role
 * matrix (test/server/route-matrix.test.ts), which spreads these rows into its table.
 */
import type { Login, TestServer } from '../server/helpers.ts';

type Caller = 'admin' | 'clinician' | 'supervisor' | 'records' | 'biller';
const ANY: readonly Caller[] = ['admin', 'clinician', 'supervisor', 'records', 'biller'];

/** The security reviewer's table for the release workflow and training routes. */
export const RELEASE_ROUTE_ROLES: Readonly<Record<string, readonly Caller[]>> = {
  'GET /api/release/queue': ['records'],
  'POST /api/release/requests': ['records'],
  'GET /api/release/requests/:requestId': ['records'],
  'POST /api/release/requests/:requestId/extension': ['records'],
  'POST /api/release/requests/:requestId/subpoena-steps': ['records'],
  'POST /api/release/requests/:requestId/close': ['records'],
  'POST /api/release/requests/:requestId/packet': ['records'],
  'POST /api/release/attachments': ['records'],
  'GET /api/release/attachments/:attachmentId': ['records'],
  'GET /api/clients/:clientId/authorizations': ['records'],
  'POST /api/clients/:clientId/authorizations': ['records'],
  'POST /api/release/authorizations/:authorizationId/revocation': ['records'],
  'GET /api/release/packets/:packetId/pdf': ['records'],
  'GET /api/release/packets/:packetId/fhir': ['records'],
  'POST /api/release/packets/:packetId/deliver': ['records'],
  'GET /api/clients/:clientId/accounting': ['records'],
  'GET /api/clients/:clientId/accounting/pdf': ['records'],
  // 45 CFR 164.508(a)(2): the author decides on their own notes; no one else.
  'GET /api/release/approvals': ['clinician'],
  'GET /api/release/approvals/:requestId': ['clinician'],
  'POST /api/release/approvals/:requestId': ['clinician'],
  'GET /api/training/questions': ANY,
  'POST /api/training/attempts': ANY,
  'GET /api/training/completions': ['admin'],
};

export interface PreparedCall {
  readonly url: string;
  readonly body?: unknown;
}

let n = 0;

async function ok<T>(t: TestServer, who: Login, method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const res = await t.call(who, method, url, body);
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

async function newRequest(t: TestServer, body: Record<string, unknown> = {}): Promise<string> {
  n += 1;
  const today = t.clock.now.toISOString().slice(0, 10);
  return (
    await ok<{ id: string }>(t, t.logins.records, 'POST', '/api/release/requests', {
      clientId: t.clientId,
      requesterType: 'payer',
      recipient: { name: `Synthetic Plan ${n}` },
      purpose: 'Claim review',
      receivedOn: today,
      ...body,
    })
  ).id;
}

async function builtPacket(t: TestServer): Promise<string> {
  const id = await newRequest(t);
  return (await ok<{ packet: { id: string } }>(t, t.logins.records, 'POST', `/api/release/requests/${id}/packet`)).packet.id;
}

async function awaitingAuthor(t: TestServer): Promise<string> {
  const id = await newRequest(t, { requesterType: 'court-order', courtOrder: { coversPsychotherapyNotes: true } });
  await ok(t, t.logins.records, 'POST', `/api/release/requests/${id}/packet`);
  return id;
}

async function authorization(t: TestServer): Promise<string> {
  return (await ok<{ id: string }>(t, t.logins.records, 'POST', `/api/clients/${t.clientId}/authorizations`, { kind: 'general', recipient: 'Dr. T. U.', purpose: 'Coordination', signedOn: '2024-01-02' })).id;
}

const PDF_B64 = Buffer.from('%PDF-1.4 synthetic').toString('base64');

/** A valid request for `route`, or undefined when the route is not one of these. */
export async function prepareReleaseCall(route: string, t: TestServer): Promise<PreparedCall | undefined> {
  const today = t.clock.now.toISOString().slice(0, 10);
  const c = t.clientId;
  switch (route) {
    case 'GET /api/release/queue':
      return { url: '/api/release/queue' };
    case 'POST /api/release/requests':
      return { url: '/api/release/requests', body: { clientId: c, requesterType: 'individual', recipient: { name: 'J. Q.' }, purpose: 'Own copy', receivedOn: today } };
    case 'GET /api/release/requests/:requestId':
      return { url: `/api/release/requests/${await newRequest(t)}` };
    case 'POST /api/release/requests/:requestId/extension':
      return { url: `/api/release/requests/${await newRequest(t, { requesterType: 'individual', recipient: { name: 'J. Q.' } })}/extension`, body: { sentOn: today, reason: 'Records are in off-site storage.' } };
    case 'POST /api/release/requests/:requestId/subpoena-steps':
      return { url: `/api/release/requests/${await newRequest(t, { requesterType: 'attorney-subpoena' })}/subpoena-steps`, body: { step: 'notice-to-client', completedOn: today } };
    case 'POST /api/release/requests/:requestId/close':
      return { url: `/api/release/requests/${await newRequest(t)}/close`, body: { reason: 'Withdrawn by the requester.', on: today } };
    case 'POST /api/release/requests/:requestId/packet':
      return { url: `/api/release/requests/${await newRequest(t)}/packet` };
    case 'POST /api/release/attachments':
      return { url: '/api/release/attachments', body: { requestId: await newRequest(t), filename: 'subpoena.pdf', contentType: 'application/pdf', dataBase64: PDF_B64 } };
    case 'GET /api/release/attachments/:attachmentId': {
      const a = await ok<{ id: string }>(t, t.logins.records, 'POST', '/api/release/attachments', { requestId: await newRequest(t), filename: 'order.pdf', contentType: 'application/pdf', dataBase64: PDF_B64 });
      return { url: `/api/release/attachments/${a.id}` };
    }
    case 'GET /api/clients/:clientId/authorizations':
      return { url: `/api/clients/${c}/authorizations` };
    case 'POST /api/clients/:clientId/authorizations':
      return { url: `/api/clients/${c}/authorizations`, body: { kind: 'general', recipient: 'Dr. T. U.', purpose: 'Coordination', signedOn: '2024-01-02' } };
    case 'POST /api/release/authorizations/:authorizationId/revocation':
      return { url: `/api/release/authorizations/${await authorization(t)}/revocation`, body: { receivedOn: today } };
    case 'GET /api/release/packets/:packetId/pdf':
      return { url: `/api/release/packets/${await builtPacket(t)}/pdf` };
    case 'GET /api/release/packets/:packetId/fhir':
      return { url: `/api/release/packets/${await builtPacket(t)}/fhir` };
    case 'POST /api/release/packets/:packetId/deliver':
      return { url: `/api/release/packets/${await builtPacket(t)}/deliver`, body: { deliveredOn: today, method: 'mail' } };
    case 'GET /api/clients/:clientId/accounting':
      return { url: `/api/clients/${c}/accounting` };
    case 'GET /api/clients/:clientId/accounting/pdf':
      return { url: `/api/clients/${c}/accounting/pdf` };
    case 'GET /api/release/approvals':
      return { url: '/api/release/approvals' };
    case 'GET /api/release/approvals/:requestId':
      return { url: `/api/release/approvals/${await awaitingAuthor(t)}` };
    case 'POST /api/release/approvals/:requestId':
      return { url: `/api/release/approvals/${await awaitingAuthor(t)}`, body: { decision: 'approve' } };
    case 'GET /api/training/questions':
      return { url: '/api/training/questions' };
    case 'POST /api/training/attempts':
      return { url: '/api/training/attempts', body: { answers: {} } };
    case 'GET /api/training/completions':
      return { url: '/api/training/completions' };
    default:
      return undefined;
  }
}
