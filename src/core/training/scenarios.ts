/**
 * The release-of-information training questions. All people, places and dates are invented.
 * Sources: ../shared/reference/hipaa-facts.md §2–§6; each question cites its rule.
 */
import { z } from 'zod';
import type { AuthorizationInput } from '../disclosure/index.ts';
import { Scenario } from './scenario.ts';
import type { ScenarioInput } from './scenario.ts';

const AS_OF = '2026-03-10';

/** A complete, valid authorization form; scenarios override what they are about. */
function form(overrides: Partial<AuthorizationInput> & Pick<AuthorizationInput, 'id' | 'kind' | 'recipient'>): AuthorizationInput {
  return {
    description: overrides.kind === 'psychotherapy-notes' ? 'Psychotherapy notes of T. U., LCSW, 2025' : 'Progress notes and diagnoses, 2025',
    discloser: 'Elmwood Counseling',
    purpose: 'At the request of the individual',
    expiresOn: '2026-12-31',
    signedBy: 'J. K.',
    signedOn: '2026-02-01',
    statements: { rightToRevoke: true, conditioning: true, redisclosure: true },
    ...overrides,
  };
}

const RAW: readonly ScenarioInput[] = [
  {
    id: 'insurer-asks-for-psychotherapy-notes',
    topic: 'psychotherapy-notes',
    prompt: "An insurer reviewing J. K.'s claims asks for \"all records, including the therapist's psychotherapy notes\". There is no authorization on file. What do you release?",
    request: { request: { requester: 'payer', recipient: 'Northwind Health Plan' }, asOf: AS_OF },
    choices: [
      { text: 'Both the chart and the psychotherapy notes: payment is part of treatment, payment and operations.', outcome: { chart: true, psychotherapyNotes: true } },
      { text: 'What the insurer needs from the chart for payment, and no psychotherapy notes.', outcome: { chart: true, psychotherapyNotes: false, minimumNecessary: true } },
      { text: 'Nothing at all until the client signs an authorization.', outcome: { chart: false, psychotherapyNotes: false } },
    ],
    correct: 1,
    explanation:
      'Payment lets the chart go without an authorization, limited to the minimum necessary. Payment is not one of the psychotherapy-note exceptions: the notes need the client\'s separate psychotherapy-notes authorization, and an insurer may not make coverage depend on signing one.',
    citation: '45 CFR 164.508(a)(2)',
  },
  {
    id: 'attorney-subpoena-no-assurance',
    topic: 'legal-process',
    prompt:
      "A lawyer in J. K.'s divorce sends a subpoena they signed themselves. No judge signed it, and it comes with no proof the client was told and no protective order. What do you release?",
    request: { request: { requester: 'attorney-subpoena', recipient: 'Law Office of V. W.', subpoena: { satisfactoryAssurance: 'none' } }, asOf: AS_OF },
    choices: [
      { text: 'The chart but not the psychotherapy notes.', outcome: { chart: true, psychotherapyNotes: false } },
      { text: 'Nothing yet: ask for satisfactory assurance (notice to the client or a protective order), or the client\'s authorization, or object.', outcome: { chart: false, psychotherapyNotes: false, problem: 'no-satisfactory-assurance' } },
      { text: 'Everything: a subpoena is legal process and must be obeyed.', outcome: { chart: true, psychotherapyNotes: true } },
    ],
    correct: 1,
    explanation:
      'Without a court order, a subpoena may be answered only with written satisfactory assurance that the client was notified and could object, or that a qualified protective order was sought. Psychotherapy notes never move on a subpoena alone.',
    citation: '45 CFR 164.512(e)(1)(ii)',
  },
  {
    id: 'attorney-subpoena-with-notice',
    topic: 'legal-process',
    prompt:
      'A subpoena (no court order) asks for the chart and psychotherapy notes. It comes with written proof that the client was notified, and the time to object has passed with no objection. What do you do?',
    request: { request: { requester: 'attorney-subpoena', recipient: 'Law Office of V. W.', subpoena: { satisfactoryAssurance: 'notice' } }, asOf: AS_OF },
    choices: [
      { text: 'Send the chart (minimum necessary) and record the disclosure in the accounting; do not send psychotherapy notes.', outcome: { chart: true, psychotherapyNotes: false, accountable: true } },
      { text: 'Send the chart and the psychotherapy notes: notice was given.', outcome: { chart: true, psychotherapyNotes: true } },
      { text: 'Send the chart; no accounting entry is needed because the client was notified.', outcome: { chart: true, psychotherapyNotes: false, accountable: false } },
    ],
    correct: 0,
    explanation:
      'Satisfactory assurance lets the chart go in answer to the subpoena, minimum necessary, and every 164.512 disclosure goes into the accounting. Psychotherapy notes still need a psychotherapy-notes authorization: 164.512(e) is not among the exceptions.',
    citation: '45 CFR 164.512(e)(1)(ii)',
  },
  {
    id: 'court-order-names-psychotherapy-notes',
    topic: 'legal-process',
    prompt: 'A judge signs an order that expressly names the chart and the psychotherapy notes of T. U. What happens?',
    request: { request: { requester: 'court-order', recipient: 'Clerk of the County Court', courtOrder: { coversProgressNotes: true, coversPsychotherapyNotes: true } }, asOf: AS_OF },
    choices: [
      { text: 'Only the chart may go; psychotherapy notes always need an authorization.', outcome: { chart: true, psychotherapyNotes: false } },
      {
        text: 'Both may go: the notes only after legal review and T. U.\'s approval (their key unlocks them), and the disclosure is entered in the accounting.',
        outcome: { chart: true, psychotherapyNotes: true, accountable: true },
      },
      { text: 'Both may go, and no accounting entry is needed because a court ordered it.', outcome: { chart: true, psychotherapyNotes: true, accountable: false } },
    ],
    correct: 1,
    explanation:
      'An order that names psychotherapy notes makes their production required by law, which is an exception to the authorization rule (the common reading; HHS has not said so explicitly, so get legal review). Court-ordered disclosures are accounted.',
    citation: '45 CFR 164.508(a)(2)(ii)',
  },
  {
    id: 'court-order-does-not-name-psychotherapy-notes',
    topic: 'legal-process',
    prompt: 'A court order asks for "the treatment records of J. K." and does not mention psychotherapy notes. What do you release?',
    request: { request: { requester: 'court-order', recipient: 'Clerk of the County Court', courtOrder: { coversProgressNotes: true, coversPsychotherapyNotes: false } }, asOf: AS_OF },
    choices: [
      { text: 'The chart, exactly as the order describes it; not the psychotherapy notes.', outcome: { chart: true, psychotherapyNotes: false } },
      { text: 'Everything, including psychotherapy notes: a court order reaches all records.', outcome: { chart: true, psychotherapyNotes: true } },
      { text: 'Nothing: court orders need the client\'s authorization too.', outcome: { chart: false, psychotherapyNotes: false } },
    ],
    correct: 0,
    explanation: 'A court order allows release only of what it expressly names. Psychotherapy notes are never implied; they move only when the order names them or the client authorizes it.',
    citation: '45 CFR 164.512(e)(1)(i)',
  },
  {
    id: 'another-provider-for-treatment',
    topic: 'psychotherapy-notes',
    prompt: "J. K.'s new psychiatrist asks for records to treat them. There is no authorization on file. What may you send?",
    request: { request: { requester: 'provider-treatment', recipient: 'Dr. M. N., psychiatrist' }, asOf: AS_OF },
    choices: [
      { text: 'Nothing without an authorization.', outcome: { chart: false, psychotherapyNotes: false } },
      { text: 'The chart, without an authorization; not the psychotherapy notes.', outcome: { chart: true, psychotherapyNotes: false } },
      { text: 'The chart and the psychotherapy notes: both are for treatment.', outcome: { chart: true, psychotherapyNotes: true } },
    ],
    correct: 1,
    explanation:
      'Treatment disclosures to another provider need no authorization. But treatment by anyone other than the notes\' author is not a psychotherapy-note exception; those need a psychotherapy-notes authorization.',
    citation: '45 CFR 164.506(c)(2)',
  },
  {
    id: 'new-therapist-with-psychotherapy-notes-authorization',
    topic: 'authorizations',
    prompt: 'J. K. signs a separate, complete psychotherapy-notes authorization naming their new therapist, Dr. M. N. The new therapist asks for the notes and the chart. What may go?',
    request: {
      request: { requester: 'provider-treatment', recipient: 'Dr. M. N.' },
      authorizations: [form({ id: 'PN-7', kind: 'psychotherapy-notes', recipient: 'Dr. M. N.' })],
      asOf: AS_OF,
    },
    choices: [
      { text: 'The chart and, once T. U. approves and unlocks them, the psychotherapy notes.', outcome: { chart: true, psychotherapyNotes: true } },
      { text: 'Only the chart: psychotherapy notes never leave the practice.', outcome: { chart: true, psychotherapyNotes: false } },
      { text: 'Only the psychotherapy notes: the chart would need a general authorization.', outcome: { chart: false, psychotherapyNotes: true } },
    ],
    correct: 0,
    explanation: 'A valid psychotherapy-notes authorization that names the recipient lets the notes go; the chart goes for treatment without one.',
    citation: '45 CFR 164.508(a)(2)',
  },
  {
    id: 'client-asks-for-progress-notes',
    topic: 'right-of-access',
    prompt: 'J. K. asks in writing for a copy of their progress notes. The request arrived on 2026-03-02. What is the answer, and by when?',
    request: { request: { requester: 'individual', recipient: 'J. K.', receivedOn: '2026-03-02' }, asOf: AS_OF },
    choices: [
      { text: 'Provide the copy by 2026-04-01 (30 days), or extend once by up to 30 days with a written notice.', outcome: { chart: true, deadline: '2026-04-01' } },
      { text: 'Provide a summary within 60 days, by 2026-05-01.', outcome: { chart: true, deadline: '2026-05-01' } },
      { text: 'Refuse: progress notes belong to the clinician.', outcome: { chart: false } },
    ],
    correct: 0,
    explanation:
      'Progress notes are in the designated record set, so the client has a right to a copy, within 30 days of receipt plus one 30-day extension with written notice. A summary replaces the records only if the client agrees in advance.',
    citation: '45 CFR 164.524(b)(2)',
  },
  {
    id: 'client-asks-for-psychotherapy-notes',
    topic: 'right-of-access',
    prompt: 'J. K. asks for a copy of everything, including the therapist\'s psychotherapy notes. What do you do with the psychotherapy notes?',
    request: { request: { requester: 'individual', recipient: 'J. K.', receivedOn: '2026-03-02' }, asOf: AS_OF },
    choices: [
      { text: 'Provide them within 30 days like the rest of the record.', outcome: { psychotherapyNotes: true } },
      { text: 'Deny them; this denial is not reviewable. Give the rest of what was asked for, and check state law.', outcome: { psychotherapyNotes: false, chart: true } },
      { text: 'Deny everything, since part of the request cannot be granted.', outcome: { psychotherapyNotes: false, chart: false } },
    ],
    correct: 1,
    explanation: 'Psychotherapy notes are excluded from the right of access and the denial is unreviewable; the rest of the record must still be given. Some state laws do give access, so check.',
    citation: '45 CFR 164.524(a)(1)(i)',
  },
  {
    id: 'licensing-board-investigates-clinician',
    topic: 'exceptions',
    prompt: 'The state licensing board is investigating a complaint against T. U., who wrote the psychotherapy notes, and asks for the client\'s records. What may go?',
    request: { request: { requester: 'health-oversight', recipient: 'State Board of Behavioral Health', oversight: { ofOriginator: true } }, asOf: AS_OF },
    choices: [
      { text: 'The chart and the psychotherapy notes (minimum necessary, with T. U.\'s approval), entered in the accounting.', outcome: { chart: true, psychotherapyNotes: true, accountable: true } },
      { text: 'The chart only; psychotherapy notes need the client\'s authorization.', outcome: { chart: true, psychotherapyNotes: false } },
      { text: 'Both, with no accounting entry because the board is a government agency.', outcome: { chart: true, psychotherapyNotes: true, accountable: false } },
    ],
    correct: 0,
    explanation: 'Health oversight of the notes\' author is one of the psychotherapy-note exceptions. Oversight disclosures are 164.512 disclosures and go into the accounting (the agency may ask that the entry be withheld for a time).',
    citation: '45 CFR 164.508(a)(2)(ii)',
  },
  {
    id: 'oversight-not-of-the-author',
    topic: 'exceptions',
    prompt: 'A state Medicaid audit (not about T. U.) asks for records, including psychotherapy notes. What may go?',
    request: { request: { requester: 'health-oversight', recipient: 'State Medicaid Audit Unit', oversight: { ofOriginator: false } }, asOf: AS_OF },
    choices: [
      { text: 'The chart, minimum necessary; not the psychotherapy notes.', outcome: { chart: true, psychotherapyNotes: false } },
      { text: 'Both: all health oversight is an exception.', outcome: { chart: true, psychotherapyNotes: true } },
    ],
    correct: 0,
    explanation: 'Health oversight in general allows the chart; for psychotherapy notes the exception covers only oversight of the notes\' author.',
    citation: '45 CFR 164.512(d)',
  },
  {
    id: 'coroner-requests-records',
    topic: 'exceptions',
    prompt: 'The medical examiner investigating J. K.\'s death asks for the records, including psychotherapy notes. What may go?',
    request: { request: { requester: 'coroner', recipient: 'County Medical Examiner' }, asOf: AS_OF },
    choices: [
      { text: 'The chart only; psychotherapy notes need an authorization from the estate.', outcome: { psychotherapyNotes: false } },
      { text: 'Both, minimum necessary, with the author\'s approval for the notes; record it in the accounting.', outcome: { chart: true, psychotherapyNotes: true, accountable: true } },
    ],
    correct: 1,
    explanation: 'Coroners and medical examiners are one of the listed psychotherapy-note exceptions; the disclosure is a 164.512 disclosure and is accounted.',
    citation: '45 CFR 164.512(g)(1)',
  },
  {
    id: 'serious-and-imminent-threat',
    topic: 'exceptions',
    prompt: 'In session, a client makes a specific, credible threat to harm a named person tonight. The clinician believes in good faith that warning is needed. What may be shared with the person able to prevent it?',
    request: { request: { requester: 'serious-threat', recipient: 'County Sheriff' }, asOf: AS_OF },
    choices: [
      { text: 'Only what is needed to prevent or lessen the threat, from the chart or the psychotherapy notes; record it in the accounting.', outcome: { chart: true, psychotherapyNotes: true, minimumNecessary: true, accountable: true } },
      { text: 'Nothing without the client\'s authorization.', outcome: { chart: false, psychotherapyNotes: false } },
      { text: 'The whole record, since minimum necessary does not apply to emergencies.', outcome: { chart: true, minimumNecessary: false } },
    ],
    correct: 0,
    explanation: 'A good-faith belief that disclosure is needed to prevent a serious and imminent threat is an exception for psychotherapy notes too. Minimum necessary still applies, and state duty-to-warn law may add duties.',
    citation: '45 CFR 164.512(j)(1)(i)',
  },
  {
    id: 'general-form-with-psychotherapy-checkbox',
    topic: 'authorizations',
    prompt: 'A life insurer sends its general release form with the box "include psychotherapy notes" ticked, otherwise complete and signed. What may go to the insurer?',
    request: {
      request: { requester: 'authorized-third-party', recipient: 'Harbor Life Insurance' },
      authorizations: [form({ id: 'HL-1', kind: 'general', recipient: 'Harbor Life Insurance', includesPsychotherapyNotes: true })],
      asOf: AS_OF,
    },
    choices: [
      { text: 'The chart; the checkbox just does not count for the psychotherapy notes.', outcome: { chart: true, psychotherapyNotes: false } },
      { text: 'Everything; the box is ticked.', outcome: { chart: true, psychotherapyNotes: true } },
      { text: 'Nothing: a psychotherapy-notes authorization combined with another is a defective form. Ask for two separate forms.', outcome: { chart: false, psychotherapyNotes: false, problem: 'compound' } },
    ],
    correct: 2,
    explanation:
      'A psychotherapy-notes authorization may be combined only with another psychotherapy-notes authorization. A checkbox on a general form makes the whole form a compound authorization, which is defective and authorizes nothing.',
    citation: '45 CFR 164.508(b)(3)(ii)',
  },
  {
    id: 'revoked-authorization',
    topic: 'authorizations',
    prompt: 'An attorney presents J. K.\'s authorization signed in February. J. K.\'s written revocation reached the practice on 2026-03-05. Today is 2026-03-10. May the chart go to the attorney?',
    request: {
      request: { requester: 'authorized-third-party', recipient: 'Law Office of V. W.' },
      authorizations: [form({ id: 'LW-1', kind: 'general', recipient: 'Law Office of V. W.', revokedOn: '2026-03-05' })],
      asOf: AS_OF,
    },
    choices: [
      { text: 'Yes: it has not expired.', outcome: { chart: true } },
      { text: 'No: the written revocation took effect when it was received.', outcome: { chart: false, problem: 'revoked' } },
    ],
    correct: 1,
    explanation: 'A written revocation takes effect when the practice receives it. After that the authorization authorizes nothing.',
    citation: '45 CFR 164.508(b)(5)',
  },
  {
    id: 'revocation-not-retroactive',
    topic: 'authorizations',
    prompt: 'Records went to an attorney on 2026-03-03 under a valid authorization. J. K.\'s revocation arrived on 2026-03-05. Was the 2026-03-03 disclosure permitted?',
    request: {
      request: { requester: 'authorized-third-party', recipient: 'Law Office of V. W.' },
      authorizations: [form({ id: 'LW-1', kind: 'general', recipient: 'Law Office of V. W.', revokedOn: '2026-03-05' })],
      asOf: '2026-03-03',
    },
    choices: [
      { text: 'Yes: a revocation is not retroactive; it does not undo what was done in reliance on the authorization.', outcome: { chart: true } },
      { text: 'No: the revocation cancels the authorization from the start.', outcome: { chart: false } },
    ],
    correct: 0,
    explanation: 'Revocation is effective on receipt and does not reach disclosures made before then in reliance on the authorization.',
    citation: '45 CFR 164.508(b)(5)',
  },
  {
    id: 'expired-authorization',
    topic: 'authorizations',
    prompt: 'A disability insurer sends an authorization that expired on 2026-02-28. Today is 2026-03-10. May the chart go?',
    request: {
      request: { requester: 'authorized-third-party', recipient: 'Summit Disability Co.' },
      authorizations: [form({ id: 'SD-1', kind: 'general', recipient: 'Summit Disability Co.', expiresOn: '2026-02-28' })],
      asOf: AS_OF,
    },
    choices: [
      { text: 'Yes, if it was valid when the insurer asked.', outcome: { chart: true } },
      { text: 'No: an expired authorization is defective; ask for a new one.', outcome: { chart: false, problem: 'expired' } },
    ],
    correct: 1,
    explanation: 'An authorization whose expiration date has passed is defective and authorizes nothing.',
    citation: '45 CFR 164.508(b)(2)(i)',
  },
  {
    id: 'personal-representative',
    topic: 'right-of-access',
    prompt: 'The verified legal guardian of a client asks for the client\'s full record, including psychotherapy notes. What do you release?',
    request: { request: { requester: 'personal-representative', recipient: 'R. S., guardian', representative: { authorityVerified: true }, receivedOn: '2026-03-02' }, asOf: AS_OF },
    choices: [
      { text: 'The chart; not the psychotherapy notes, which the guardian can no more get than the client could.', outcome: { chart: true, psychotherapyNotes: false } },
      { text: 'Everything: a guardian has more rights than the client.', outcome: { chart: true, psychotherapyNotes: true } },
      { text: 'Nothing: only the client may ask.', outcome: { chart: false } },
    ],
    correct: 0,
    explanation: 'A verified personal representative stands in the client\'s shoes for the right of access, including its exclusion of psychotherapy notes.',
    citation: '45 CFR 164.502(g)',
  },
  {
    id: 'representative-not-verified',
    topic: 'right-of-access',
    prompt: 'A caller says they are the parent of a 16-year-old client and asks for the chart. Their authority has not been checked. What now?',
    request: { request: { requester: 'personal-representative', recipient: 'Caller claiming to be a parent' }, asOf: AS_OF },
    choices: [
      { text: 'Send the chart: parents are always a minor\'s representatives.', outcome: { chart: true } },
      { text: 'Release nothing until their authority is verified under state law (a parent is not the representative where the minor consented to their own care).', outcome: { chart: false, problem: 'representative-authority-unverified' } },
    ],
    correct: 1,
    explanation: 'A personal representative\'s authority must be verified; for minors, state law and the minor\'s own consent to care decide whether a parent is the representative.',
    citation: '45 CFR 164.502(g)',
  },
  {
    id: 'accounting-request-deadline',
    topic: 'accounting',
    prompt: 'J. K. asks for an accounting of disclosures. The request arrived on 2026-03-02. By when must you provide it (before any extension)?',
    request: { request: { requester: 'individual', asksFor: 'accounting-of-disclosures', receivedOn: '2026-03-02' }, asOf: AS_OF },
    choices: [
      { text: '2026-04-01 (30 days)', outcome: { deadline: '2026-04-01' } },
      { text: '2026-05-01 (60 days), with one 30-day extension allowed by written notice', outcome: { deadline: '2026-05-01' } },
      { text: '2026-03-17 (15 days)', outcome: { deadline: '2026-03-17' } },
    ],
    correct: 1,
    explanation: 'An accounting must be provided within 60 days of the request, with one 30-day extension if a written statement of the reason and new date is given within the 60 days. The first accounting in 12 months is free.',
    citation: '45 CFR 164.528(c)(1)',
  },
  {
    id: 'extension-notice-deadline',
    topic: 'right-of-access',
    prompt: 'A right-of-access request arrived on 2026-03-02 and the records are hard to gather. By when must the written extension notice reach the client?',
    request: { request: { requester: 'individual', recipient: 'J. K.', receivedOn: '2026-03-02' }, asOf: AS_OF },
    choices: [
      { text: 'By 2026-04-01, inside the first 30 days, giving the reason and the new date.', outcome: { extensionNoticeBy: '2026-04-01' } },
      { text: 'By 2026-05-01, the end of the extension.', outcome: { extensionNoticeBy: '2026-05-01' } },
    ],
    correct: 0,
    explanation: 'The one 30-day extension is available only if the written notice, with the reason and the new date, is sent within the first 30 days.',
    citation: '45 CFR 164.524(b)(2)',
  },
  {
    id: 'minimum-necessary-payer',
    topic: 'minimum-necessary',
    prompt: 'A payer asks for "the complete chart" to process one claim for one session. Does minimum necessary apply?',
    request: { request: { requester: 'payer', recipient: 'Northwind Health Plan' }, asOf: AS_OF },
    choices: [
      { text: 'Yes: send only what the claim needs (for example the session date, times, CPT code and diagnosis).', outcome: { chart: true, minimumNecessary: true } },
      { text: 'No: payers may receive the whole chart.', outcome: { chart: true, minimumNecessary: false } },
    ],
    correct: 0,
    explanation: 'Minimum necessary applies to payment. Do not send the entire record unless there is a specific justification.',
    citation: '45 CFR 164.502(b)',
  },
  {
    id: 'minimum-necessary-treatment',
    topic: 'minimum-necessary',
    prompt: 'Another treating provider asks for the chart for the client\'s ongoing care. Does minimum necessary limit what you send?',
    request: { request: { requester: 'provider-treatment', recipient: 'Dr. M. N.' }, asOf: AS_OF },
    choices: [
      { text: 'No: disclosures to a provider for treatment are exempt.', outcome: { chart: true, minimumNecessary: false } },
      { text: 'Yes: trim the chart to the minimum.', outcome: { chart: true, minimumNecessary: true } },
    ],
    correct: 0,
    explanation: 'Minimum necessary does not apply to disclosures to, or requests by, a provider for treatment.',
    citation: '45 CFR 164.502(b)(2)(i)',
  },
  {
    id: 'accounting-which-disclosures',
    topic: 'accounting',
    prompt: 'The chart went to a health plan for payment, and later to an attorney under a subpoena with a qualified protective order. Which goes into the accounting of disclosures?',
    request: { request: { requester: 'attorney-subpoena', recipient: 'Law Office of V. W.', subpoena: { satisfactoryAssurance: 'qualified-protective-order' } }, asOf: AS_OF },
    choices: [
      { text: 'The subpoena disclosure: 164.512 disclosures are accounted; payment disclosures are not.', outcome: { accountable: true } },
      { text: 'Neither: the subpoena had a protective order.', outcome: { accountable: false } },
    ],
    correct: 0,
    explanation: 'Treatment, payment and operations, disclosures to the client and disclosures under an authorization are excluded from the accounting; subpoena and court-order disclosures are not.',
    citation: '45 CFR 164.528(a)(1)',
  },
  {
    id: 'accounting-under-authorization',
    topic: 'accounting',
    prompt: 'The chart went to a disability insurer under J. K.\'s valid authorization. Does it go into the accounting of disclosures?',
    request: {
      request: { requester: 'authorized-third-party', recipient: 'Summit Disability Co.' },
      authorizations: [form({ id: 'SD-2', kind: 'general', recipient: 'Summit Disability Co.' })],
      asOf: AS_OF,
    },
    choices: [
      { text: 'No: disclosures under an authorization are excluded.', outcome: { chart: true, accountable: false } },
      { text: 'Yes: every disclosure outside the practice is accounted.', outcome: { accountable: true } },
    ],
    correct: 0,
    explanation: 'Disclosures made under a valid authorization are excluded from the accounting.',
    citation: '45 CFR 164.528(a)(1)(iv)',
  },
  {
    id: 'supervised-training',
    topic: 'exceptions',
    prompt: 'A supervisor wants to use a trainee\'s psychotherapy notes in the practice\'s own supervised training program. Is an authorization needed?',
    request: { request: { requester: 'training', recipient: 'Elmwood supervision group' }, asOf: AS_OF },
    choices: [
      { text: 'No: the practice\'s own supervised training is an exception (share the least needed; de-identify where you can).', outcome: { psychotherapyNotes: true, accountable: false } },
      { text: 'Yes: psychotherapy notes always need an authorization outside treatment by the author.', outcome: { psychotherapyNotes: false } },
    ],
    correct: 0,
    explanation: 'Use or disclosure in the practice\'s own supervised training program for mental-health students, trainees or practitioners is one of the psychotherapy-note exceptions.',
    citation: '45 CFR 164.508(a)(2)(i)(B)',
  },
  {
    id: 'self-pay-restriction',
    topic: 'minimum-necessary',
    prompt: 'J. K. paid for every session in full out of pocket and asked that their health plan not be told. The plan now asks for the records. What do you send?',
    request: { request: { requester: 'payer', recipient: 'Northwind Health Plan', payer: { selfPayRestriction: true } }, asOf: AS_OF },
    choices: [
      { text: 'Nothing: the practice must honour the restriction for services paid in full out of pocket.', outcome: { chart: false, problem: 'self-pay-restriction' } },
      { text: 'The minimum necessary for payment, as usual.', outcome: { chart: true } },
    ],
    correct: 0,
    explanation: 'A covered entity must agree to a client\'s request not to disclose to a health plan for payment or operations information about services the client paid for in full.',
    citation: '45 CFR 164.522(a)(1)(vi)',
  },
  {
    id: 'what-belongs-in-the-progress-note',
    topic: 'psychotherapy-notes',
    prompt: 'Which of these belongs in the progress note, never in the psychotherapy note?',
    choices: [
      { text: "The clinician's hypotheses about the client's transference." },
      { text: 'Session start and stop times, the modality, and the PHQ-9 score.' },
      { text: "A detailed account of the client's dream, as told in session." },
    ],
    correct: 1,
    explanation:
      'Start and stop times, modality and frequency, test results, medication and any summary of diagnosis, functional status, plan, symptoms, prognosis and progress are excluded from psychotherapy notes by definition; they belong in the chart.',
    citation: '45 CFR 164.501',
  },
];

/** Every training scenario, validated when the module loads. */
export const SCENARIOS: readonly Scenario[] = z.array(Scenario).parse(RAW);
