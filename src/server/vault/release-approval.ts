/**
 * The disclosure path on the server: building a release packet (or the client's access
 * copy) from the chart and the gate's decision, and the author's approval of a
 * psychotherapy-note release. It lives beside the vault gateway because it is the one
 * place where decrypted psychotherapy notes meet the packet builder
 * (test/db/import-boundaries.test.ts allows `src/server/vault/`).
 *
 * - Every release asks `decideDisclosure` (ARCHITECTURE.md invariant 3); nothing here
 *   re-decides anything. `src/release/` assembles exactly what the decision allows.
 * - Psychotherapy notes leave only when the gate releases them AND their author approves,
 *   in the author's own session, whose unlocked key decrypts them (45 CFR 164.508(a)(2);
 *   approval is Notewall's rule). They go straight into the packet; records staff never
 *   receive them any other way.
 * - A packet holding psychotherapy notes is never written to the chart database (invariant
 *   2: their plaintext is not at rest outside the vault). In the author's session its bytes
 *   are sealed into the vault to every active records staff member's key, so any server
 *   instance can serve them after any restart (docs/server.md: no per-process state); its
 *   record (hashes, summary) goes into the chart under the same packet id.
 */
import { decideDisclosure, DisclosureRequest, type Authorization, type DisclosureDecision } from '../../core/disclosure/index.ts';
import type { Permission } from '../../db/chart/access-policy.ts';
import type { RepoContext } from '../../db/chart/context.ts';
import { newId } from '../../db/clock.ts';
import { StorageError } from '../../db/errors.ts';
import { listAuthorizationsOnFile } from '../../db/chart/release-authorizations-repository.ts';
import { readChartForRelease, savePacket, unsafeActiveRecordsUserIds, type PacketSummary } from '../../db/chart/release-packets-repository.ts';
import { getReleaseRequest, type ReleaseRequestRecord } from '../../db/chart/release-requests-repository.ts';
import { ACCESS_REQUESTERS, assembleAccessCopy, assemblePacket, inRange, ReleaseInput, renderPacketDocuments, type Packet, type PsychotherapyNoteRecord } from '../../release/index.ts';
import type { AppDeps } from '../deps.ts';
import { ServerVault, type VaultSession } from './gateway.ts';

/** Today (UTC) as the disclosure date the gate is asked about. */
export function todayOf(deps: AppDeps): string {
  return deps.now().toISOString().slice(0, 10);
}

/** The gate's question for a stored request: the stored details, the authorizations on file, the day. */
export function decideFor(request: ReleaseRequestRecord, authorizations: readonly Authorization[], asOf: string): DisclosureDecision {
  const { courtOrder, oversight, representative, payer } = request.details;
  const gateRequest = DisclosureRequest.parse({
    requester: request.requesterType,
    asksFor: request.asksFor,
    recipient: request.recipient.name,
    purpose: request.purpose,
    receivedOn: request.receivedOn,
    // 164.512(e)(1)(ii): the assurance the recorded subpoena checklist supports, never a bare claim.
    ...(request.requesterType === 'attorney-subpoena' ? { subpoena: { satisfactoryAssurance: request.satisfactoryAssurance } } : {}),
    ...(courtOrder ? { courtOrder } : {}),
    ...(oversight ? { oversight } : {}),
    ...(representative ? { representative } : {}),
    ...(payer ? { payer } : {}),
  });
  return decideDisclosure(gateRequest, authorizations, asOf);
}

/** Which grants a builder uses: records staff's own, or the treating author's (assigned clinician). */
const GRANTS: Readonly<Record<'records' | 'author', { request: Permission; authorizations: Permission; chart: Permission; save: Permission }>> = {
  records: { request: 'request.read', authorizations: 'authorization.read', chart: 'note.read', save: 'request.write' },
  author: { request: 'note.write', authorizations: 'note.write', chart: 'note.write', save: 'note.write' },
};

export interface BuiltPacket {
  readonly packetId: string;
  readonly kind: 'release' | 'access-copy';
  readonly accountable: boolean;
  readonly withPsychotherapyNotes: boolean;
  readonly summary: PacketSummary;
}

function summarize(packet: Packet, decision: DisclosureDecision): PacketSummary {
  const included = { sessions: packet.sessions.length, diagnoses: packet.diagnoses.length, measures: packet.measures.length, progressNotes: packet.progressNotes.length, psychotherapyNotes: packet.psychotherapyNotes.length, authorizations: packet.authorizations.length };
  const parts: string[] = [];
  if (included.progressNotes) parts.push(`${included.progressNotes} signed progress note(s)`);
  if (included.sessions) parts.push(`${included.sessions} session record(s)`);
  if (included.diagnoses) parts.push(`${included.diagnoses} diagnosis record(s)`);
  if (included.measures) parts.push(`${included.measures} measure result(s)`);
  if (included.psychotherapyNotes) parts.push('psychotherapy notes (45 CFR 164.501)');
  const range = packet.scope.dateRange;
  const span = range.from || range.to ? ` dated ${range.from ?? 'any date'} to ${range.to ?? 'date of release'}` : '';
  const bases = [decision.progressNotes, decision.psychotherapyNotes].filter((c, i) => c.release && (i === 0 ? included.sessions + included.diagnoses + included.measures + included.progressNotes > 0 : included.psychotherapyNotes > 0)).map((c) => c.basis);
  return {
    included,
    // Counts only; never which psychotherapy notes (the exclusion ids stay out of the record).
    excluded: packet.excluded.map((e) => ({ subject: e.subject, reason: e.reason, count: e.subject === 'psychotherapy-notes' ? 0 : e.itemIds.length, explanation: e.explanation })),
    description: parts.length ? `${parts.join(', ')}${span}` : 'Cover letter only; no records enclosed',
    basis: [...new Set(bases)].join('; ') || decision.progressNotes.basis,
  };
}

/**
 * Builds, renders and records a packet for a request. Records staff pass no notes; the
 * approving author passes their decrypted, approved notes. The access copy
 * (164.524) is chosen for the client's own request and never carries psychotherapy notes.
 */
export async function buildPacket(deps: AppDeps, ctx: RepoContext, requestId: string, as: 'records' | 'author', psychotherapyNotes: readonly PsychotherapyNoteRecord[] = [], session: VaultSession | null = null): Promise<BuiltPacket> {
  const grants = GRANTS[as];
  const request = await getReleaseRequest(ctx, requestId, grants.request);
  const auths = (await listAuthorizationsOnFile(ctx, request.clientId, grants.authorizations)).map((a) => a.authorization);
  const asOf = todayOf(deps);
  const decision = decideFor(request, auths, asOf);
  const chart = await readChartForRelease(ctx, request.clientId, grants.chart);
  const access = ACCESS_REQUESTERS.includes(request.requesterType);
  const input = ReleaseInput.parse({
    practice: { name: chart.practiceName, addressLines: ['Records department'] },
    client: chart.client,
    request: {
      id: request.id,
      requesterType: request.requesterType,
      recipient: { name: request.recipient.name, addressLines: request.recipient.addressLines, ...(request.recipient.attention ? { attention: request.recipient.attention } : {}) },
      purpose: request.purpose,
      dateRange: request.dateRange,
      receivedOn: request.receivedOn,
      ...(request.recordsAsked ? { recordsAsked: request.recordsAsked } : {}),
    },
    decision,
    authorizations: auths,
    sessions: chart.sessions,
    progressNotes: chart.progressNotes,
    diagnoses: chart.diagnoses,
    measures: chart.measures,
    // 164.524(a)(1)(i): an access copy never receives them at all, not even to be excluded.
    // Never hand over what the gate does not release (164.508(a)(2)).
    psychotherapyNotes: access || !decision.psychotherapyNotes.release ? [] : psychotherapyNotes,
    preparedAt: deps.now().toISOString(),
  });
  const packet = access ? assembleAccessCopy(input) : assemblePacket(input);
  const docs = await renderPacketDocuments(packet);
  const withPsychotherapyNotes = packet.psychotherapyNotes.length > 0;
  const summary = summarize(packet, decision);
  const record = {
    requestId,
    kind: packet.kind,
    decisionJson: JSON.stringify(decision),
    summary,
    accountable: packet.accountable,
    withPsychotherapyNotes,
    pdf: docs.pdf,
    bundleJson: docs.bundleJson,
    ...(as === 'author' ? { approval: { outcome: 'approved' as const, noteCount: packet.psychotherapyNotes.length } } : {}),
  };
  if (!withPsychotherapyNotes) {
    const packetId = await savePacket(ctx, record, grants.save);
    return { packetId, kind: packet.kind, accountable: packet.accountable, withPsychotherapyNotes, summary };
  }
  // Invariant 2: sealed into the vault first, in the author's session, to the records staff
  // who will deliver it (164.508(a)(2): nobody else receives the notes). A records user
  // added later cannot open it; the author approves again (docs/release-workflow.md).
  const author = ServerVault.require(session);
  const packetId = newId();
  await deps.vault.storeReleasePacket(author, { packetId, clientId: request.clientId, recipientIds: await unsafeActiveRecordsUserIds(ctx), pdf: docs.pdf, bundleJson: docs.bundleJson });
  try {
    await savePacket(ctx, { ...record, id: packetId }, grants.save);
  } catch (err) {
    await deps.vault.discardReleasePacket(author, packetId);
    throw err;
  }
  return { packetId, kind: packet.kind, accountable: packet.accountable, withPsychotherapyNotes, summary };
}

/** The author's own psychotherapy notes about the request's client, inside the requested range. */
export async function authorNotesInRange(deps: AppDeps, session: VaultSession | null, request: ReleaseRequestRecord): Promise<Array<{ id: string; sessionDate?: string; body: string }>> {
  const notes = await deps.vault.listNotes(ServerVault.require(session), request.clientId);
  const open = !request.dateRange.from && !request.dateRange.to;
  return notes
    .map((n) => ({ id: n.id, ...(n.content.sessionDate ? { sessionDate: n.content.sessionDate } : {}), body: n.content.body }))
    .filter((n) => (n.sessionDate ? inRange(n.sessionDate, request.dateRange) : open))
    .sort((a, b) => (a.sessionDate ?? '').localeCompare(b.sessionDate ?? ''));
}

/**
 * The author approves: their notes in range are decrypted with their session's key and go
 * straight into the packet builder, each stamped with the approval time. The gate must
 * still release the class; if it does not, nothing of theirs goes in.
 */
export async function approveRelease(deps: AppDeps, ctx: RepoContext, session: VaultSession | null, requestId: string, authorName: string): Promise<BuiltPacket> {
  const request = await getReleaseRequest(ctx, requestId, GRANTS.author.request);
  if (request.status !== 'awaiting-author') throw new StorageError('conflict', 'this request is not waiting for approval', 'approval');
  const notes = await authorNotesInRange(deps, session, request);
  const approvedAt = deps.now().toISOString();
  const records: PsychotherapyNoteRecord[] = notes.map((n) => ({ id: n.id, authorId: ctx.actor.userId, authorName, ...(n.sessionDate ? { sessionDate: n.sessionDate } : {}), body: n.body, authorApprovedAt: approvedAt }));
  return buildPacket(deps, ctx, requestId, 'author', records, session);
}
