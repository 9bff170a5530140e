/**
 * The cover letter's words, built from the assembled packet (pure). The PDF lays them out;
 * nothing here decides what is enclosed.
 *
 * A letter to a third party never says how many psychotherapy notes exist or which items
 * were withheld: "psychotherapy notes, if any" and "records outside the period" are stated
 * as classes, because the existence of a note is itself information about the client.
 */
import type { CoverLetter, CoverLetterWithheld, Exclusion, ExclusionSubject, Packet } from './packet.ts';
import type { DateRange } from './release-input.ts';

const SUBJECT_WORDS: Readonly<Record<ExclusionSubject, string>> = {
  sessions: 'Session records (dates, times, CPT codes, place of service)',
  diagnoses: 'Diagnoses',
  measures: 'Measure results',
  'progress-notes': 'Progress notes',
  'psychotherapy-notes': 'Psychotherapy notes (45 CFR 164.501), if any',
};

function describeRange(range: DateRange): string {
  if (range.from && range.to) return `${range.from} to ${range.to}`;
  if (range.from) return `from ${range.from} on`;
  if (range.to) return `up to ${range.to}`;
  return 'all dates';
}

function span(dates: readonly string[]): string {
  const sorted = [...dates].sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return '';
  return first === last ? ` (${first})` : ` (${first} to ${last})`;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** What is enclosed, one line per part. */
function enclosedLines(p: Omit<Packet, 'coverLetter'>): string[] {
  const lines: string[] = [];
  if (p.progressNotes.length > 0) {
    const addenda = p.progressNotes.reduce((n, x) => n + x.addenda.length, 0);
    lines.push(
      `${plural(p.progressNotes.length, 'signed progress note', 'signed progress notes')}${span(p.progressNotes.map((n) => n.sessionDate))}, each with its signature block and content hash${addenda > 0 ? `, and ${plural(addenda, 'addendum', 'addenda')}` : ''}.`,
    );
  }
  if (p.sessions.length > 0) lines.push(`${plural(p.sessions.length, 'session record', 'session records')}${span(p.sessions.map((s) => s.date))}.`);
  if (p.diagnoses.length > 0) lines.push(`${plural(p.diagnoses.length, 'diagnosis', 'diagnoses')} (ICD-10-CM).`);
  if (p.measures.length > 0) lines.push(`${plural(p.measures.length, 'measure result', 'measure results')}${span(p.measures.map((m) => m.date))}.`);
  if (p.psychotherapyNotes.length > 0) {
    lines.push(
      `${plural(p.psychotherapyNotes.length, 'psychotherapy note', 'psychotherapy notes')}, released under ${p.classes.psychotherapyNotes.basis} with the approval of ${p.psychotherapyNotes.length === 1 ? 'its author' : 'their authors'}.`,
    );
  }
  if (p.authorizations.length > 0) {
    lines.push(`The terms of ${plural(p.authorizations.length, 'authorization', 'authorizations')} on file: ${p.authorizations.map((a) => a.id).join(', ')}.`);
  }
  if (lines.length === 0) lines.push('No records are enclosed.');
  return lines;
}

/** What is withheld and why, by class; never item by item for a third party. */
function withheldLines(p: Omit<Packet, 'coverLetter'>): CoverLetterWithheld[] {
  const out: CoverLetterWithheld[] = [];
  const seen = new Set<string>();
  const push = (w: CoverLetterWithheld): void => {
    const key = `${w.what}|${w.why}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(w);
  };
  const byReason = (e: Exclusion): CoverLetterWithheld | undefined => {
    switch (e.reason) {
      case 'outside-range':
      case 'date-unknown':
        // Stated once for all classes, below.
        return undefined;
      case 'author-not-approved':
        return {
          what: SUBJECT_WORDS['psychotherapy-notes'],
          why: 'Psychotherapy notes that their author has not approved for this release, if any, are not enclosed.',
          basis: e.basis,
        };
      case 'gate-denied':
      case 'decision-mismatch':
      case 'not-asked':
      case 'minimum-necessary':
      case 'no-right-of-access':
      case 'not-an-access-decision':
        return { what: SUBJECT_WORDS[e.subject], why: e.explanation, basis: e.basis };
    }
  };
  // A class the gate (or access rule) withholds whole is one line, not four.
  const chartBlocked = !p.classes.progressNotes.released;
  if (chartBlocked) {
    push({ what: 'Progress notes and the rest of the chart (sessions, diagnoses, measure results)', why: p.classes.progressNotes.explanation, basis: p.classes.progressNotes.basis });
  }
  for (const e of p.excluded) {
    if (chartBlocked && e.subject !== 'psychotherapy-notes') continue;
    const w = byReason(e);
    if (w) push(w);
  }
  // Psychotherapy notes are always accounted for in the letter, so silence never implies none exist.
  if (!p.classes.psychotherapyNotes.released && !p.excluded.some((e) => e.subject === 'psychotherapy-notes')) {
    push({ what: SUBJECT_WORDS['psychotherapy-notes'], why: p.classes.psychotherapyNotes.explanation, basis: p.classes.psychotherapyNotes.basis });
  }
  if (p.classes.progressNotes.released || p.classes.psychotherapyNotes.released) {
    push({
      what: 'Records dated outside the period asked for',
      why: `Only records dated ${describeRange(p.scope.dateRange)} are enclosed.`,
      basis: 'Scope of the request',
    });
  }
  return mergeSameReason(out);
}

/** One line per reason: "Measure results; Progress notes" rather than the same words twice. */
function mergeSameReason(lines: readonly CoverLetterWithheld[]): CoverLetterWithheld[] {
  const merged: CoverLetterWithheld[] = [];
  for (const l of lines) {
    const i = merged.findIndex((m) => m.why === l.why && m.basis === l.basis);
    if (i < 0) merged.push(l);
    else merged[i] = { ...merged[i]!, what: `${merged[i]!.what}; ${l.what}` };
  }
  return merged;
}

const REDISCLOSURE =
  'These records come from a mental-health practice and are protected by the HIPAA Privacy Rule (45 CFR Parts 160 and 164). Mental-health information is highly sensitive (confidentiality: restricted). Use it only for the purpose stated above, keep it secure, and do not disclose it further except as the law requires or as the client authorizes in writing. Information disclosed to you may lose the protection of the Privacy Rule once you redisclose it (45 CFR 164.508(c)(2)(iii)).';

const PSYCHOTHERAPY_NOTICE =
  'Enclosed psychotherapy notes are very restricted. They are released only on the basis stated above and only for its purpose; do not use them for anything else or disclose them to anyone, in whole or in part, except as the law requires. Keep them apart from other records.';

/** Builds the letter for a release packet or an access copy. */
export function buildCoverLetter(p: Omit<Packet, 'coverLetter'>): CoverLetter {
  const date = p.preparedAt.slice(0, 10);
  const req = p.request;
  const who = `${p.client.name}${p.client.dateOfBirth ? `, born ${p.client.dateOfBirth}` : ''}`;
  const signer = p.practice.custodian ?? `Records, ${p.practice.name}`;
  const bases = [p.classes.progressNotes, p.classes.psychotherapyNotes].map((c) => ({
    label: c.label,
    released: c.released,
    words: c.explanation,
    basis: c.basis,
  }));

  if (p.kind === 'access-copy') {
    return {
      date,
      addressee: req.recipient,
      subject: `Your copy of your records (request ${req.id}, received ${req.receivedOn})`,
      opening: [
        `You asked on ${req.receivedOn} for a copy of your records (${who}) for the period ${describeRange(req.dateRange)}. This is your copy under your right of access (45 CFR 164.524).`,
        'This letter says what is enclosed and, where anything is not, why.',
      ],
      bases,
      enclosed: enclosedLines(p),
      withheld: withheldLines(p),
      notices: [
        {
          heading: 'Your copy',
          text: 'This copy is yours. You may keep it, share it, or send it to anyone you choose. Once you share it, the person you give it to may not be bound by HIPAA.',
        },
        {
          heading: 'Questions and complaints',
          text: `If you think something is missing or wrong, contact ${signer} at ${p.practice.name}${p.practice.phone ? ` (${p.practice.phone})` : ''}. You may ask us to amend your record (45 CFR 164.526). You may also complain to the practice or to the U.S. Department of Health and Human Services, Office for Civil Rights.`,
        },
      ],
      closing: ['Sincerely,', signer, p.practice.name],
    };
  }

  const notices: Array<{ heading: string; text: string }> = [{ heading: 'Redisclosure', text: REDISCLOSURE }];
  if (p.psychotherapyNotes.length > 0) notices.push({ heading: 'Psychotherapy notes', text: PSYCHOTHERAPY_NOTICE });
  if (p.scope.minimumNecessary.applied) notices.push({ heading: 'Minimum necessary', text: p.scope.minimumNecessary.why });
  if (p.accountable) {
    notices.push({
      heading: 'Accounting of disclosures',
      text: "This disclosure is recorded in the client's accounting of disclosures, which the client may ask to see (45 CFR 164.528).",
    });
  }
  return {
    date,
    addressee: req.recipient,
    subject: `Records of ${who}: your request ${req.id}, received ${req.receivedOn}`,
    opening: [
      `You asked on ${req.receivedOn} for records of the client named above, for this purpose: ${req.purpose}. Period asked for: ${describeRange(req.dateRange)}.`,
      'This letter says what is enclosed, on what legal basis, and what is withheld and why.',
    ],
    bases,
    enclosed: enclosedLines(p),
    withheld: withheldLines(p),
    notices,
    closing: ['Sincerely,', signer, p.practice.name],
  };
}
