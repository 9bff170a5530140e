/**
 * Release of information (docs/release-workflow.md): request intake and the queue with due
 * dates, the deadline-extension notice, the subpoena checklist, authorizations with their
 * checklist, revocation and scanned copy, the gate's decision per class of record, packets
 * (PDF + FHIR R4), delivery with the accounting entry, the per-client accounting report,
 * and the author's approval of psychotherapy-note releases.
 *
 * Roles: records staff run the workflow; clinicians see and decide on releases of their own
 * psychotherapy notes (45 CFR 164.508(a)(2)), and nothing else here. Records staff never
 * receive psychotherapy-note content except inside a packet the author approved.
 */
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { REQUESTER_LABELS, validateAuthorization } from '../../core/disclosure/index.ts';
import { IsoDate } from '../../core/notes/model.ts';
import { getClient } from '../../db/chart/clients-repository.ts';
import { fileAuthorization, listAuthorizationsOnFile, NewAuthorizationForm, recordRevocation, RevocationInput } from '../../db/chart/release-authorizations-repository.ts';
import { accountingEntries, awaitAuthor, declineRelease, deliverPacket, DeliveryInput, pendingApprovals, readPacket, requestOutputs } from '../../db/chart/release-packets-repository.ts';
import {
  addAttachment,
  ATTACHMENT_TYPES,
  closeRequest,
  createReleaseRequest,
  ExtensionNoticeInput,
  getReleaseRequest,
  listQueue,
  MAX_ATTACHMENT_BYTES,
  NewReleaseRequest,
  readAttachment,
  recordExtensionNotice,
  recordSubpoenaStep,
  regulatoryDeadline,
  SUBPOENA_STEP_LABELS,
  SUBPOENA_STEPS,
  SubpoenaStepInput,
} from '../../db/chart/release-requests-repository.ts';
import { assembleAccounting, renderAccountingPdf } from '../../release/index.ts';
import { AppError } from '../errors.ts';
import { ServerVault } from '../vault/gateway.ts';
import { approveRelease, authorNotesInRange, buildPacket, decideFor, todayOf } from '../vault/release-approval.ts';
import { AccountingEntryOut, ApprovalDecisionOut, ApprovalViewOut, AttachmentOut, AuthorizationOnFileOut, BuildOut, CreatedOut as Created, DeliveryOut, PendingApprovalOut, QueueItemOut, RequestDetailOut } from '../../api/release.ts';
import { authOf, ClientParams, ctxOf, ERROR_RESPONSES, Id, NO_STORE, type RouteGroup } from './route-kit.ts';

const RECORDS = { roles: ['records'] } as const;
const RECORDS_RECORD = { roles: ['records'], record: true } as const;
const AUTHOR_RECORD = { roles: ['clinician'], record: true } as const;

const RequestParams = z.object({ requestId: Id });
const PacketParams = z.object({ packetId: Id });
const AuthorizationParams = z.object({ authorizationId: Id });
const AttachmentParams = z.object({ attachmentId: Id });
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** `attachment; filename="..."` with only safe characters. */
const disposition = (name: string) => `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}"`;

export const releaseRoutes: RouteGroup = (app, deps) => {
  app.get('/api/release/queue', {
    config: { access: RECORDS },
    schema: { tags: ['release'], summary: 'Open records requests, soonest due first, with days left', querystring: z.object({ all: z.enum(['0', '1']).optional() }), response: { 200: z.array(QueueItemOut), ...ERROR_RESPONSES } },
    handler: async (request, reply) => {
      void reply.header('cache-control', NO_STORE);
      const today = todayOf(deps);
      const items = await listQueue(ctxOf(deps, request), request.query.all === '1');
      return items.map((i) => ({ ...i, requesterLabel: REQUESTER_LABELS[i.requesterType as keyof typeof REQUESTER_LABELS] ?? i.requesterType, daysLeft: daysBetween(today, i.dueOn) }));
    },
  });

  app.post('/api/release/requests', {
    config: { access: RECORDS },
    schema: { tags: ['release'], summary: 'Log a records request (its due date follows the deadline policy)', body: NewReleaseRequest.meta({ id: 'NewReleaseRequest' }), response: { 201: Created, ...ERROR_RESPONSES } },
    handler: async (request, reply) => {
      const id = await createReleaseRequest(ctxOf(deps, request), request.body);
      void reply.code(201);
      return { id };
    },
  });

  app.get('/api/release/requests/:requestId', {
    config: { access: RECORDS_RECORD },
    schema: { tags: ['release'], summary: "One request: its history, the gate's decision per class of record, authorizations, packets and approvals", params: RequestParams, response: { 200: RequestDetailOut, ...ERROR_RESPONSES } },
    handler: async (request, reply) => {
      void reply.header('cache-control', NO_STORE);
      const ctx = ctxOf(deps, request);
      const r = await getReleaseRequest(ctx, request.params.requestId);
      const onFile = await listAuthorizationsOnFile(ctx, r.clientId);
      const today = todayOf(deps);
      // The decision view asks the gate; nothing here re-decides (ARCHITECTURE.md invariant 3).
      const decision = decideFor(r, onFile.map((a) => a.authorization), today);
      const outputs = await requestOutputs(ctx, r.id);
      const deadline = regulatoryDeadline(r.requesterType, r.asksFor, r.receivedOn);
      return {
        request: { ...r, requesterLabel: REQUESTER_LABELS[r.requesterType] },
        decision,
        authorizations: onFile.map((a) => ({ ...a, check: validateAuthorization(a.authorization, today) })),
        packets: outputs.packets,
        approvals: outputs.approvals,
        subpoenaSteps: r.requesterType === 'attorney-subpoena' ? SUBPOENA_STEPS.map((step) => ({ step, ...SUBPOENA_STEP_LABELS[step] })) : [],
        extension: deadline?.extension && !r.extended ? { available: true, noticeBy: deadline.extension.noticeBy, newDueOn: deadline.extension.date, rule: deadline.extension.rule } : { available: false },
      };
    },
  });

  app.post('/api/release/requests/:requestId/extension', {
    config: { access: RECORDS_RECORD },
    schema: { tags: ['release'], summary: 'Record the written extension notice (once, sent by the original deadline); the due date moves', params: RequestParams, body: ExtensionNoticeInput, response: { 201: Created, ...ERROR_RESPONSES } },
    handler: async (request, reply) => {
      const id = await recordExtensionNotice(ctxOf(deps, request), request.params.requestId, request.body);
      void reply.code(201);
      return { id };
    },
  });

  app.post('/api/release/requests/:requestId/subpoena-steps', {
    config: { access: RECORDS_RECORD },
    schema: { tags: ['release'], summary: 'Record one subpoena checklist step (45 CFR 164.512(e)(1)(ii)–(v)), with who and when', params: RequestParams, body: SubpoenaStepInput, response: { 201: Created, ...ERROR_RESPONSES } },
    handler: async (request, reply) => {
      const id = await recordSubpoenaStep(ctxOf(deps, request), request.params.requestId, request.body);
      void reply.code(201);
      return { id };
    },
  });

  app.post('/api/release/requests/:requestId/close', {
    config: { access: RECORDS_RECORD },
    schema: { tags: ['release'], summary: 'Close a request without a release (denied or withdrawn), with the reason', params: RequestParams, body: z.object({ reason: z.string().max(2000), on: IsoDate }), response: { 204: z.null(), ...ERROR_RESPONSES } },
    handler: async (request, reply) => {
      await closeRequest(ctxOf(deps, request), request.params.requestId, request.body.reason, request.body.on);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/release/requests/:requestId/packet', {
    config: { access: RECORDS_RECORD },
    schema: {
      tags: ['release'],
      summary: "Build the packet the gate allows (PDF + FHIR). When the gate releases psychotherapy notes, the request goes to the author for approval instead, unless they declined",
      params: RequestParams,
      response: { 200: BuildOut, ...ERROR_RESPONSES },
    },
    handler: async (request) => {
      const ctx = ctxOf(deps, request);
      const r = await getReleaseRequest(ctx, request.params.requestId);
      if (r.status === 'delivered' || r.status === 'closed') throw new AppError('conflict', `The request is already ${r.status}.`);
      const decision = decideFor(r, (await listAuthorizationsOnFile(ctx, r.clientId)).map((a) => a.authorization), todayOf(deps));
      const { approvals } = await requestOutputs(ctx, r.id);
      const declined = approvals.some((a) => a.outcome === 'declined');
      // 164.508(a)(2) + Notewall's rule: psychotherapy notes need their author's approval,
      // given in the author's own session; records staff cannot build them in.
      if (decision.psychotherapyNotes.release && !declined) {
        await awaitAuthor(ctx, r.id);
        return { outcome: 'awaiting-author' as const };
      }
      const built = await buildPacket(deps, ctx, r.id, 'records');
      return { outcome: 'built' as const, packet: { ...built, id: built.packetId } };
    },
  });

  app.post('/api/release/attachments', {
    config: { access: RECORDS },
    // A scanned document is bigger than the API's usual body limit: base64 of 5 MiB.
    bodyLimit: Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 64 * 1024,
    schema: {
      tags: ['release'],
      summary: 'Attach a document (subpoena, order, scanned authorization; PDF or image, at most 5 MiB) to a request or an authorization; stored in the chart database',
      body: z
        .object({ requestId: Id.optional(), authorizationId: Id.optional(), filename: z.string().max(200), contentType: z.enum(ATTACHMENT_TYPES), dataBase64: z.string().max(Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 4).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64') })
        .meta({ id: 'NewReleaseAttachment' }),
      response: { 201: AttachmentOut, ...ERROR_RESPONSES },
    },
    handler: async (request, reply) => {
      const { dataBase64, ...rest } = request.body;
      const meta = await addAttachment(ctxOf(deps, request), { ...rest, content: new Uint8Array(Buffer.from(dataBase64, 'base64')) });
      void reply.code(201);
      return meta;
    },
  });

  app.get('/api/release/attachments/:attachmentId', {
    config: { access: RECORDS_RECORD },
    schema: { tags: ['release'], summary: 'Download an attached document', params: AttachmentParams },
    handler: async (request, reply) => {
      const a = await readAttachment(ctxOf(deps, request), request.params.attachmentId);
      return reply.header('cache-control', NO_STORE).header('content-disposition', disposition(a.filename)).header('x-content-type-options', 'nosniff').type(a.contentType).send(a.content);
    },
  });

  app.get('/api/clients/:clientId/authorizations', {
    config: { access: RECORDS_RECORD },
    schema: { tags: ['release'], summary: "A client's authorizations with the gate's check of each (164.508(b)(2) defects by element)", params: ClientParams, response: { 200: z.array(AuthorizationOnFileOut), ...ERROR_RESPONSES } },
    handler: async (request, reply) => {
      void reply.header('cache-control', NO_STORE);
      const today = todayOf(deps);
      const list = await listAuthorizationsOnFile(ctxOf(deps, request), request.params.clientId);
      return list.map((a) => ({ ...a, check: validateAuthorization(a.authorization, today) }));
    },
  });

  app.post('/api/clients/:clientId/authorizations', {
    config: { access: RECORDS_RECORD },
    schema: { tags: ['release'], summary: 'File an authorization with the checklist of 164.508(c) elements and statements', params: ClientParams, body: NewAuthorizationForm.omit({ clientId: true }).meta({ id: 'NewAuthorizationForm' }), response: { 201: Created, ...ERROR_RESPONSES } },
    handler: async (request, reply) => {
      const id = await fileAuthorization(ctxOf(deps, request), { ...request.body, clientId: request.params.clientId });
      void reply.code(201);
      return { id };
    },
  });

  app.post('/api/release/authorizations/:authorizationId/revocation', {
    config: { access: RECORDS_RECORD },
    schema: { tags: ['release'], summary: 'Record a written revocation: effective on receipt, not retroactive (164.508(b)(5))', params: AuthorizationParams, body: RevocationInput, response: { 201: Created, ...ERROR_RESPONSES } },
    handler: async (request, reply) => {
      const id = await recordRevocation(ctxOf(deps, request), request.params.authorizationId, request.body);
      void reply.code(201);
      return { id };
    },
  });

  /**
   * A packet's bytes: from the chart database, or, for a packet holding psychotherapy notes,
   * opened from the vault with the requesting records user's own unlocked key (on any
   * instance, after any restart; ARCHITECTURE.md invariant 2).
   */
  const packetBytes = async (packetId: string, request: FastifyRequest) => {
    const p = await readPacket(ctxOf(deps, request), packetId);
    if (p.pdf && p.bundleJson) return { pdf: p.pdf, bundleJson: p.bundleJson, record: p };
    const opened = await deps.vault.openReleasePacket(ServerVault.require(authOf(request).vaultSession), packetId);
    return { ...opened, record: p };
  };

  app.get('/api/release/packets/:packetId/pdf', {
    config: { access: RECORDS_RECORD },
    schema: { tags: ['release'], summary: 'The packet as PDF', params: PacketParams },
    handler: async (request, reply) => {
      const { pdf, record } = await packetBytes(request.params.packetId, request);
      return reply.header('cache-control', NO_STORE).header('content-disposition', disposition(`${record.kind}-${record.requestId}.pdf`)).type('application/pdf').send(pdf);
    },
  });

  app.get('/api/release/packets/:packetId/fhir', {
    config: { access: RECORDS_RECORD },
    schema: { tags: ['release'], summary: 'The packet as a FHIR R4 Bundle (JSON), security labels on every resource', params: PacketParams },
    handler: async (request, reply) => {
      const { bundleJson, record } = await packetBytes(request.params.packetId, request);
      return reply.header('cache-control', NO_STORE).header('content-disposition', disposition(`${record.kind}-${record.requestId}.fhir.json`)).type('application/fhir+json').send(bundleJson);
    },
  });

  app.post('/api/release/packets/:packetId/deliver', {
    config: { access: RECORDS_RECORD },
    schema: { tags: ['release'], summary: 'Record the delivery; writes the accounting-of-disclosures entry when the packet is accountable (164.528)', params: PacketParams, body: DeliveryInput, response: { 200: DeliveryOut, ...ERROR_RESPONSES } },
    handler: async (request) => deliverPacket(ctxOf(deps, request), request.params.packetId, request.body),
  });

  app.get('/api/clients/:clientId/accounting', {
    config: { access: RECORDS_RECORD },
    schema: { tags: ['release'], summary: 'The accounting of disclosures on file for a client', params: ClientParams, response: { 200: z.array(AccountingEntryOut), ...ERROR_RESPONSES } },
    handler: async (request, reply) => {
      void reply.header('cache-control', NO_STORE);
      return accountingEntries(ctxOf(deps, request), request.params.clientId);
    },
  });

  app.get('/api/clients/:clientId/accounting/pdf', {
    config: { access: RECORDS_RECORD },
    schema: {
      tags: ['release'],
      summary: 'The accounting of disclosures as PDF: six years back from the request date (164.528(a)), or a shorter period',
      params: ClientParams,
      querystring: z.object({ requestedOn: IsoDate.optional(), periodFrom: IsoDate.optional(), requestId: Id.optional() }),
    },
    handler: async (request, reply) => {
      const ctx = ctxOf(deps, request);
      const client = await getClient(ctx, request.params.clientId);
      const entries = await accountingEntries(ctx, request.params.clientId);
      const practice = await deps.chart.db.selectFrom('practice').select('name').executeTakeFirst();
      const requestedOn = request.query.requestedOn ?? todayOf(deps);
      const report = assembleAccounting({
        practice: { name: practice?.name ?? 'Practice', addressLines: ['Records department'] },
        client: { id: client.id, name: client.displayName, ...(client.dateOfBirth ? { dateOfBirth: client.dateOfBirth } : {}) },
        requestId: request.query.requestId ?? `accounting-${requestedOn}`,
        requestedOn,
        ...(request.query.periodFrom ? { periodFrom: request.query.periodFrom } : {}),
        entries,
        preparedAt: deps.now().toISOString(),
      });
      const pdf = await renderAccountingPdf(report);
      return reply.header('cache-control', NO_STORE).header('content-disposition', disposition(`accounting-${client.id}-${requestedOn}.pdf`)).type('application/pdf').send(pdf);
    },
  });

  // The author's side (45 CFR 164.508(a)(2)): only requests about clients they treat.
  app.get('/api/release/approvals', {
    config: { access: { roles: ['clinician'] } },
    schema: { tags: ['release'], summary: 'Psychotherapy-note releases waiting for your approval', response: { 200: z.array(PendingApprovalOut), ...ERROR_RESPONSES } },
    handler: async (request, reply) => {
      void reply.header('cache-control', NO_STORE);
      return pendingApprovals(ctxOf(deps, request));
    },
  });

  app.get('/api/release/approvals/:requestId', {
    config: { access: AUTHOR_RECORD },
    schema: {
      tags: ['release'],
      summary: "A release waiting for your approval: the request, the gate's decision, and your own psychotherapy notes that would go",
      params: RequestParams,
      response: {
        200: ApprovalViewOut,
        ...ERROR_RESPONSES,
      },
    },
    handler: async (request, reply) => {
      void reply.header('cache-control', NO_STORE);
      const ctx = ctxOf(deps, request);
      const r = await getReleaseRequest(ctx, request.params.requestId, 'note.write');
      const decision = decideFor(r, (await listAuthorizationsOnFile(ctx, r.clientId, 'note.write')).map((a) => a.authorization), todayOf(deps));
      const notes = await authorNotesInRange(deps, authOf(request).vaultSession, r);
      return { request: { ...r, requesterLabel: REQUESTER_LABELS[r.requesterType] }, decision, notes };
    },
  });

  app.post('/api/release/approvals/:requestId', {
    config: { access: AUTHOR_RECORD },
    schema: {
      tags: ['release'],
      summary: 'Approve (your notes are decrypted with your key and go straight into the packet) or decline the release of your psychotherapy notes',
      params: RequestParams,
      body: z.discriminatedUnion('decision', [z.object({ decision: z.literal('approve') }), z.object({ decision: z.literal('decline'), reason: z.string().max(2000) })]).meta({ id: 'ReleaseApproval' }),
      response: { 200: ApprovalDecisionOut, ...ERROR_RESPONSES },
    },
    handler: async (request) => {
      const ctx = ctxOf(deps, request);
      if (request.body.decision === 'decline') {
        await declineRelease(ctx, request.params.requestId, request.body.reason);
        return { outcome: 'declined' as const };
      }
      const me = await deps.chart.db.selectFrom('users').select('display_name').where('id', '=', ctx.actor.userId).executeTakeFirstOrThrow();
      const built = await approveRelease(deps, ctx, authOf(request).vaultSession, request.params.requestId, me.display_name);
      return { outcome: 'approved' as const, packetId: built.packetId };
    },
  });
};
