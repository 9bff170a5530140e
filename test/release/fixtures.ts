/**
 * Synthetic charts and release inputs for the release tests and the bench. Every name,
 * initial, date and sentence is invented. Each note carries a unique marker token
 * (`ZQPN0001Q` for progress notes, `ZQPSY0001Q` for psychotherapy notes, `ZQAD0001Q` for
 * addenda) so a test can look for it in the PDF text and the FHIR JSON.
 */
import { createHash } from 'node:crypto';
import { Authorization, decideDisclosure, DisclosureRequest } from '../../src/core/disclosure/index.ts';
import type { AuthorizationInput, DisclosureRequestInput, RequesterType } from '../../src/core/disclosure/index.ts';
import { ProgressNoteContent } from '../../src/core/notes/model.ts';
import { renderProgressNote } from '../../src/core/notes/render.ts';
import { ReleaseInputShape } from '../../src/release/release-input.ts';
import type { PsychotherapyNoteRecord, ReleaseInput, ReleaseInputRaw } from '../../src/release/release-input.ts';

export const RECIPIENT = 'Q. R. Recipient Group';
export const AS_OF = '2026-03-10';
export const PREPARED_AT = '2026-03-10T15:30:00.000Z';

export const pnMarker = (i: number): string => `ZQPN${String(i).padStart(4, '0')}Q`;
export const psyMarker = (i: number): string => `ZQPSY${String(i).padStart(4, '0')}Q`;
export const addendumMarker = (i: number): string => `ZQAD${String(i).padStart(4, '0')}Q`;

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface ChartOptions {
  /** Number of weekly sessions, each with a signed progress note and a PHQ-9. */
  readonly sessions: number;
  readonly firstDate?: string;
  /** Psychotherapy notes, one per session for the first n sessions. */
  readonly psychotherapyNotes?: number;
  /** Which psychotherapy notes (by index) carry the author's approval; default all. */
  readonly approved?: (i: number) => boolean;
}

export type Chart = Pick<ReleaseInput, 'sessions' | 'progressNotes' | 'diagnoses' | 'measures' | 'psychotherapyNotes'>;

/** A synthetic chart: weekly sessions, one signed note each, a measure every session, two diagnoses. */
export function syntheticChart(o: ChartOptions): Chart {
  const first = o.firstDate ?? '2025-01-06';
  const sessions: Chart['sessions'] = [];
  const progressNotes: Chart['progressNotes'] = [];
  const measures: Chart['measures'] = [];
  for (let i = 0; i < o.sessions; i++) {
    const date = addDays(first, 7 * i);
    const id = `S-${String(i).padStart(4, '0')}`;
    sessions.push({ id, date, start: '10:00', end: '10:53', cptCodes: ['90837'], modality: 'individual', placeOfService: i % 3 === 0 ? 'telehealth-home' : 'office', clinician: 'T. U., LCSW' });
    const content = ProgressNoteContent.parse({
      format: 'soap',
      session: { date, start: '10:00', end: '10:53', cptCodes: ['90837'], modality: 'individual' },
      diagnoses: [{ code: 'F41.1', description: 'Generalized anxiety disorder' }],
      mentalStatus: 'Alert, oriented, mood anxious, affect congruent.',
      interventions: ['CBT: cognitive restructuring', 'Relaxation training'],
      risk: { suicidalIdeation: 'denied', homicidalIdeation: 'denied', selfHarm: 'denied', level: 'low', safetyPlan: 'not-needed' },
      goals: [{ goal: 'Reduce worry to under 1 hour a day', progress: i % 2 === 0 ? 'improved' : 'maintained' }],
      sections: {
        subjective: `Client reports worry about work deadlines most days this week; sleep 6 hours. Session ${i + 1}.`,
        objective: `PHQ-9 completed in session. Speech normal rate; thought process linear.`,
        assessment: 'Anxiety symptoms persist with partial response to treatment; functioning at work maintained.',
        plan: `Continue weekly CBT; practise worry postponement daily. Ref ${pnMarker(i)}.`,
      },
    });
    const canonical = JSON.stringify(content);
    const contentHash = sha256(canonical);
    const signedAt = `${date}T16:00:00.000Z`;
    progressNotes.push({
      id: `N-${String(i).padStart(4, '0')}`,
      sessionId: id,
      sessionDate: date,
      format: 'SOAP',
      text: renderProgressNote(content).text,
      contentHash,
      signedBy: 'T. U., LCSW',
      signedAt,
      ...(i % 5 === 0 ? { cosignature: { signedBy: 'V. W., LCSW (supervisor)', signedAt: `${addDays(date, 2)}T09:00:00.000Z`, contentHash } } : {}),
      addenda:
        i % 7 === 0
          ? [
              {
                id: `AD-${String(i).padStart(4, '0')}`,
                authorName: 'T. U., LCSW',
                body: `Correction: the session was held by video from the client's home. ${addendumMarker(i)}`,
                noteHash: contentHash,
                contentHash: sha256(`addendum-${i}`),
                signedAt: `${addDays(date, 1)}T12:00:00.000Z`,
              },
            ]
          : [],
    });
    measures.push({ id: `M-${String(i).padStart(4, '0')}`, instrument: i % 2 === 0 ? 'phq9' : 'gad7', date, total: 12 - (i % 6), band: 'Moderate', sessionId: id });
  }
  const psychotherapyNotes: PsychotherapyNoteRecord[] = [];
  for (let i = 0; i < (o.psychotherapyNotes ?? 0); i++) {
    const approved = o.approved ? o.approved(i) : true;
    psychotherapyNotes.push({
      id: `P-${String(i).padStart(4, '0')}`,
      authorId: 'user-tu',
      authorName: 'T. U., LCSW',
      sessionDate: addDays(first, 7 * i),
      body: `Noticed my own impatience when the client circled back to the same story; wonder whether it mirrors the family pattern. ${psyMarker(i)}`,
      ...(approved ? { authorApprovedAt: `${AS_OF}T14:00:00.000Z` } : {}),
    });
  }
  return {
    sessions,
    progressNotes,
    diagnoses: [
      { id: 'D-1', code: 'F41.1', description: 'Generalized anxiety disorder', onsetDate: first },
      { id: 'D-2', code: 'F32.1', description: 'Major depressive disorder, single episode, moderate', onsetDate: '2023-05-01', resolvedDate: '2024-06-30' },
    ],
    measures,
    psychotherapyNotes,
  };
}

/** A complete, valid authorization of the given kind naming `RECIPIENT`. */
export function authorizationInput(kind: 'general' | 'psychotherapy-notes', overrides: Partial<AuthorizationInput> = {}): AuthorizationInput {
  return {
    id: kind === 'general' ? 'G-1' : 'P-1',
    kind,
    description: kind === 'general' ? 'Progress notes, diagnoses and measures, 2025' : 'Psychotherapy notes of T. U., 2025',
    discloser: 'Elmwood Counseling (synthetic)',
    recipient: RECIPIENT,
    purpose: 'At the request of the individual',
    expiresOn: '2026-12-31',
    signedBy: 'J. K.',
    signedOn: '2026-02-01',
    statements: { rightToRevoke: true, conditioning: true, redisclosure: true },
    ...overrides,
  };
}

export interface InputOptions {
  readonly requester: RequesterType;
  readonly request?: Partial<DisclosureRequestInput>;
  readonly authorizations?: AuthorizationInput[];
  readonly chart: Chart;
  readonly range?: { from?: string; to?: string };
  readonly recordsAsked?: ReleaseInput['request']['recordsAsked'];
}

/** A release input whose decision comes from the real gate. */
export function releaseInput(o: InputOptions): ReleaseInput {
  const authorizations = (o.authorizations ?? []).map((a) => Authorization.parse(a));
  const request = DisclosureRequest.parse({ requester: o.requester, recipient: RECIPIENT, receivedOn: '2026-03-02', ...o.request });
  const decision = decideDisclosure(request, authorizations, AS_OF);
  const raw: ReleaseInputRaw = {
    practice: {
      name: 'Elmwood Counseling (synthetic)',
      addressLines: ['12 Example Lane, Suite 3', 'Springfield, ST 00000'],
      phone: '555-0100',
      email: 'records@elmwood.example',
      custodian: 'A. B., Records Custodian',
    },
    client: { id: 'C-0001', name: 'J. K.', dateOfBirth: '1990-04-12' },
    request: {
      id: 'REQ-2026-0042',
      requesterType: o.requester,
      recipient: { name: RECIPIENT, addressLines: ['400 Sample Road', 'Springfield, ST 00000'], attention: 'Claims review' },
      purpose: o.request?.purpose ?? 'Review of services billed in 2025',
      dateRange: o.range ?? { from: '2025-01-01', to: '2025-12-31' },
      receivedOn: '2026-03-02',
      ...(o.recordsAsked ? { recordsAsked: o.recordsAsked } : {}),
    },
    decision,
    authorizations,
    ...o.chart,
    preparedAt: PREPARED_AT,
  };
  return ReleaseInputShape.parse(raw);
}
