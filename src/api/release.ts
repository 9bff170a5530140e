/**
 * Release-of-information response schemas (docs/release-workflow.md), shared by the server
 * routes (`src/server/routes/release-routes.ts`) and the
 * web client (`src/web/release/release-api.ts`). The gate's own schemas
 * (`DisclosureDecision`, `Authorization`) come from `src/core/disclosure`, so the decision
 * view shows exactly what the gate answered. Pure: only zod and `src/core`.
 */
import { z } from 'zod';
import { Authorization, DisclosureDecision } from '../core/disclosure/index.ts';

/** `{ id }` of a created row. */
export const CreatedOut = z.object({ id: z.string() });

/** A stored attachment (a scanned authorization or a request letter); never its bytes. */
export const AttachmentOut = z.object({ id: z.string(), filename: z.string(), contentType: z.string(), sizeBytes: z.number(), sha256: z.string(), uploadedAt: z.string() });

/** A row of the records queue, with the due date and the days left (45 CFR 164.524(b)(2)). */
export const QueueItemOut = z
  .object({
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
  })
  .meta({ id: 'ReleaseQueueItem' });

/** One event in a request's history (extension notice, subpoena step, closing). */
export const RequestEventOut = z.object({ id: z.string(), kind: z.string(), step: z.string().nullable(), occurredOn: z.string(), note: z.string().nullable(), recordedBy: z.string(), recordedAt: z.string() });

/** A records request as filed, with its history and attachments. */
export const ReleaseRequestOut = z
  .object({
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
    events: z.array(RequestEventOut),
    attachments: z.array(AttachmentOut),
  })
  .meta({ id: 'ReleaseRequest' });

/** A built release packet: what it holds and leaves out, its hashes and its delivery. */
export const PacketOut = z
  .object({
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
  })
  .meta({ id: 'ReleasePacket' });

/** An author's decision on releasing their psychotherapy notes (45 CFR 164.508(a)(2)). */
export const ApprovalOut = z.object({ authorId: z.string(), authorName: z.string(), outcome: z.string(), noteCount: z.number(), reason: z.string().nullable(), decidedAt: z.string() });

/** An authorization on file with its revocation, scanned copies and the gate's check. */
export const AuthorizationOnFileOut = z
  .object({
    authorization: Authorization,
    plainLanguage: z.boolean(),
    copyGivenToClient: z.boolean(),
    revocation: z.object({ receivedOn: z.string(), note: z.string().nullable(), recordedAt: z.string() }).nullable(),
    attachments: z.array(AttachmentOut),
    /** The gate's validator on today's date: every defect by element (164.508(b)(2)). */
    check: z.object({ valid: z.boolean(), problems: z.array(z.object({ code: z.string(), message: z.string(), element: z.string().optional() })).readonly() }),
  })
  .meta({ id: 'AuthorizationOnFile' });

/** One request with the gate's decision per class of record, authorizations, packets and approvals. */
export const RequestDetailOut = z
  .object({
    request: ReleaseRequestOut,
    decision: DisclosureDecision,
    authorizations: z.array(AuthorizationOnFileOut),
    packets: z.array(PacketOut),
    approvals: z.array(ApprovalOut),
    subpoenaSteps: z.array(z.object({ step: z.string(), label: z.string(), rule: z.string() })),
    extension: z.object({ available: z.boolean(), noticeBy: z.string().optional(), newDueOn: z.string().optional(), rule: z.string().optional() }),
  })
  .meta({ id: 'ReleaseRequestDetail' });

/** Building a packet: built, or waiting for the notes' author to approve. */
export const BuildOut = z
  .object({
    outcome: z.enum(['built', 'awaiting-author']),
    packet: PacketOut.omit({ pdfSha256: true, bundleSha256: true, builtAt: true, delivery: true, stored: true }).extend({ packetId: z.string() }).optional(),
  })
  .meta({ id: 'ReleaseBuildResult' });

/** A recorded delivery and, when the packet is accountable, its accounting entry (164.528). */
export const DeliveryOut = z.object({ deliveryId: z.string(), disclosureId: z.string().nullable() });

/** An entry of the accounting of disclosures (45 CFR 164.528(b)(2)). */
export const AccountingEntryOut = z.object({ id: z.string(), date: z.string(), recipient: z.string(), description: z.string(), purpose: z.string(), basis: z.string() });

/** A psychotherapy-note release waiting for the author's approval. */
export const PendingApprovalOut = z.object({ requestId: z.string(), clientId: z.string(), clientName: z.string(), requesterType: z.string(), recipient: z.string(), receivedOn: z.string(), dueOn: z.string() });

/** What the author sees before approving: the request, the gate's decision and their own notes. */
export const ApprovalViewOut = z.object({
  request: ReleaseRequestOut.pick({ id: true, clientId: true, clientName: true, requesterType: true, requesterLabel: true, recipient: true, purpose: true, description: true, dateRange: true, receivedOn: true, dueOn: true, status: true }),
  decision: DisclosureDecision,
  notes: z.array(z.object({ id: z.string(), sessionDate: z.string().optional(), body: z.string() })),
});

/** The author's answer to an approval request. */
export const ApprovalDecisionOut = z.object({ outcome: z.enum(['approved', 'declined']), packetId: z.string().optional() });
