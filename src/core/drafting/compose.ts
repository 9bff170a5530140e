/**
 * The composer: session details → a progress note in SOAP, DAP, BIRP or GIRP, where every
 * sentence names the input fields it came from.
 *
 * Rules it keeps (ARCHITECTURE.md invariant 7, "nothing invented"):
 * - A sentence exists only for input that was entered; a section with no input stays empty,
 *   and the compliance linter then reports the missing element.
 * - No risk sentence unless risk fields were entered; absent means not assessed.
 * - Measure totals, bands and change come from `src/core/measures`, never from text.
 * - Free text is only expanded from shorthand and cut into sentences, never reworded.
 *
 * The session logistics the linter needs (date, time, CPT, modality, diagnosis) are rendered
 * as labelled header lines, the form its extractor reads (45 CFR 164.501: these belong in
 * the progress note).
 */
import { FORMATS, type ProgressNoteFormat, type SectionName } from '../notes/formats.ts';
import { INSTRUMENTS, compareToBaseline, bandForTotal, scoreMeasure } from './deps.ts';
import {
  ADHERENCE_PHRASES,
  CHANGE_LEVEL_PHRASES,
  FREQUENCY_PHRASES,
  GOAL_PROGRESS_PHRASES,
  HOMICIDAL_IDEATION_PHRASES,
  MENTAL_STATUS_PHRASES,
  MODALITY_PHRASES,
  PARTICIPANT_ROLES,
  PLACE_PHRASES,
  PROGNOSIS_PHRASES,
  RISK_LEVEL_PHRASES,
  RISK_TOPICS,
  SAFETY_PLAN_PHRASES,
  SELF_HARM_PHRASES,
  SUICIDAL_IDEATION_PHRASES,
  TELEHEALTH_MODE_PHRASES,
} from './phrasing.ts';
import { SECTION_MAP, type BlockId } from './section-map.ts';
import { segmentSentences } from './sentences.ts';
import type { SessionDetails } from './session-details.ts';
import { expandShorthand } from './shorthand.ts';

/** One sentence of the note and the input fields it came from (dotted paths, e.g. `risk.safetyPlan`). */
export interface ComposedSentence {
  readonly text: string;
  readonly sources: readonly string[];
  /** Offsets of `text` in the composed note's `text`. */
  readonly start: number;
  readonly end: number;
}

export interface ComposedSection {
  /** `session` for the header block, else the format's section name. */
  readonly name: SectionName | 'session';
  readonly title: string;
  readonly sentences: readonly ComposedSentence[];
}

export interface ComposedNote {
  readonly format: ProgressNoteFormat;
  readonly text: string;
  readonly sections: readonly ComposedSection[];
}

interface Sentence {
  text: string;
  sources: string[];
}

/** A rendered line: its sentences joined by spaces. */
type Line = Sentence[];

/**
 * Composes the progress note. `details` must already be valid (`parseSessionDetails`);
 * deterministic: the same details and format always give the same note.
 */
export function composeNote(details: SessionDetails, format: ProgressNoteFormat): ComposedNote {
  const def = FORMATS[format];
  const plan: Array<{ name: SectionName | 'session'; title: string; heading: string | undefined; lines: Line[] }> = [
    { name: 'session', title: 'Session', heading: undefined, lines: headerLines(details) },
  ];
  for (const section of def.sections) {
    const blocks = SECTION_MAP[format][section.name] ?? [];
    const lines = blocks.flatMap((b) => BLOCKS[b](details));
    plan.push({ name: section.name, title: section.title, heading: `${section.title}:`, lines });
  }

  let text = `Progress note (${def.label})\n`;
  const sections: ComposedSection[] = [];
  for (const part of plan) {
    if (part.heading !== undefined) text += `\n${part.heading}\n`;
    const sentences: ComposedSentence[] = [];
    for (const line of part.lines) {
      line.forEach((s, i) => {
        if (i > 0) text += ' ';
        sentences.push({ text: s.text, sources: s.sources, start: text.length, end: text.length + s.text.length });
        text += s.text;
      });
      text += '\n';
    }
    sections.push({ name: part.name, title: part.title, sentences });
  }
  return { format, text, sections };
}

// ── Helpers ─────────────────────────────────────────────────────────────────────────────

/** Expanded free text cut into sentences, each capitalised and ending in punctuation. */
function prose(raw: string, source: string): Sentence[] {
  const expanded = expandShorthand(raw.replace(/\s+/g, ' ').trim()).text;
  return segmentSentences(expanded).map(({ start, end }) => ({ text: finish(expanded.slice(start, end)), sources: [source] }));
}

/** A value used inside a sentence: expanded, single-line, without a final period. */
function phrase(raw: string): string {
  return expandShorthand(raw.replace(/\s+/g, ' ').trim(), undefined, { midSentence: true }).text.replace(/[.\s]+$/, '');
}

function finish(s: string): string {
  const t = s.trim();
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]["'”’)]?$/.test(capital) ? capital : `${capital}.`;
}

/** Prefixes the first sentence of a line with a label the linter reads ("Risk: …"). */
function labelled(label: string, sentences: Sentence[]): Line[] {
  const [first, ...rest] = sentences;
  if (!first) return [];
  return [[{ text: `${label}: ${first.text}`, sources: first.sources }, ...rest]];
}

/** "Moderately severe" → "moderately severe", but "Provisional PTSD" keeps its acronym. */
function lowerFirst(label: string): string {
  return label.replace(/^\p{Lu}(?!\p{Lu})/u, (c) => c.toLowerCase());
}

function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}

function minutesBetween(start: string, end: string): number {
  const toMin = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return toMin(end) - toMin(start);
}

// ── Header: session logistics ───────────────────────────────────────────────────────────

function headerLines(d: SessionDetails): Line[] {
  const l = d.logistics;
  const lines: Line[] = [[{ text: `Date of service: ${l.date}`, sources: ['logistics.date'] }]];

  // CPT time rules need start/stop or face-to-face minutes (hipaa-facts §9).
  if (l.start && l.end) {
    const minutes = l.durationMinutes ?? minutesBetween(l.start, l.end);
    const note = l.durationMinutes === undefined ? `${minutes} minutes` : `${minutes} minutes face-to-face`;
    const sources = ['logistics.start', 'logistics.end', ...(l.durationMinutes === undefined ? [] : ['logistics.durationMinutes'])];
    lines.push([{ text: `Time: ${l.start}–${l.end} (${note})`, sources }]);
  } else if (l.durationMinutes !== undefined) {
    const parts = [l.start ? `start ${l.start}` : undefined, l.end ? `end ${l.end}` : undefined].filter((p) => p !== undefined);
    const sources = [...(l.start ? ['logistics.start'] : []), ...(l.end ? ['logistics.end'] : []), 'logistics.durationMinutes'];
    lines.push([{ text: `Duration: ${l.durationMinutes} minutes${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`, sources }]);
  } else if (l.start || l.end) {
    const parts = [l.start ? `start ${l.start}` : undefined, l.end ? `end ${l.end}` : undefined].filter((p) => p !== undefined);
    lines.push([{ text: `Time: ${parts.join(', ')}`, sources: [...(l.start ? ['logistics.start'] : []), ...(l.end ? ['logistics.end'] : [])] }]);
  }

  if (l.cptCodes && l.cptCodes.length > 0) lines.push([{ text: `CPT: ${l.cptCodes.join(', ')}`, sources: ['logistics.cptCodes'] }]);

  const modality: string[] = [];
  const modalitySources: string[] = [];
  if (d.modality) {
    modality.push(MODALITY_PHRASES[d.modality.type]);
    modalitySources.push('modality.type');
  }
  if (l.placeOfService) {
    const place = PLACE_PHRASES[l.placeOfService];
    const mode = l.telehealthMode ? ` (${TELEHEALTH_MODE_PHRASES[l.telehealthMode]})` : '';
    modality.push(mode && place.startsWith('telehealth') ? place.replace('telehealth', `telehealth${mode}`) : place);
    modalitySources.push('logistics.placeOfService', ...(l.telehealthMode ? ['logistics.telehealthMode'] : []));
  }
  if (modality.length > 0) lines.push([{ text: `Modality: ${modality.join(', ')}`, sources: modalitySources }]);

  const participants = d.modality?.participants ?? [];
  if (participants.length > 0) {
    const list = participants.map((p) => (p.label ? `${PARTICIPANT_ROLES[p.role]} (${p.label})` : PARTICIPANT_ROLES[p.role]));
    lines.push([{ text: `Participants: ${list.join('; ')}`, sources: ['modality.participants'] }]);
  }

  const diagnoses = d.diagnoses ?? [];
  if (diagnoses.length > 0) {
    const list = diagnoses.map((x) => (x.description ? `${x.code} ${x.description}` : x.code));
    lines.push([{ text: `Diagnosis: ${list.join('; ')}`, sources: ['diagnoses'] }]);
  }
  return lines;
}

// ── Blocks ──────────────────────────────────────────────────────────────────────────────

const BLOCKS: Readonly<Record<BlockId, (d: SessionDetails) => Line[]>> = {
  report: (d) => {
    const out: Sentence[] = [];
    if (d.report?.concern) out.push({ text: `Presenting concern: ${phrase(d.report.concern)}.`, sources: ['report.concern'] });
    if (d.report?.text) out.push(...prose(d.report.text, 'report.text'));
    return out.length > 0 ? [out] : [];
  },

  observations: (d) => {
    const o = d.observations;
    if (!o) return [];
    const out: Sentence[] = [];
    for (const [field, wording] of MENTAL_STATUS_PHRASES) {
      const value = o[field];
      if (value) out.push({ text: wording(phrase(value)), sources: [`observations.${field}`] });
    }
    if (o.text) out.push(...prose(o.text, 'observations.text'));
    return out.length > 0 ? [out] : [];
  },

  measures: (d) =>
    (d.measures ?? []).map((m, i): Line => {
      const def = INSTRUMENTS[m.instrument];
      const path = `measures[${i}]`;
      const out: Sentence[] = [];
      let total: number;
      if (m.items !== undefined) {
        // Scored by core (src/core/measures), never taken from text.
        const result = scoreMeasure(m.instrument, m.items);
        total = result.total;
        let text = `${def.displayName} total score: ${total} (${lowerFirst(result.band.label)})`;
        if (result.flags.item9Value !== undefined) {
          text += `; item 9: ${result.flags.item9Value}${result.flags.item9Positive ? ' (positive)' : ''}`;
        }
        out.push({ text: `${text}.`, sources: [`${path}.items`] });
        const clusters = def.pcl5?.clusters;
        if (result.subscores && clusters) {
          const parts = clusters.map((c) => `${c.name} (${c.key}) ${result.subscores?.[c.key] ?? 0}`);
          out.push({ text: `Cluster subscores: ${parts.join(', ')}.`, sources: [`${path}.items`] });
          if (result.provisionalPtsd) {
            const met = result.provisionalPtsd.byDsm5Rule ? 'met' : 'not met';
            // Worded without "diagnosis": the score is a screen, and the linter reads that word as a diagnosis summary.
            out.push({
              text: `The DSM-5 cluster rule for provisional PTSD (items rated 2 or higher: at least 1 B, 1 C, 2 D and 2 E) was ${met}.`,
              sources: [`${path}.items`],
            });
          }
        }
      } else {
        total = m.total ?? 0;
        const band = bandForTotal(m.instrument, total);
        const label = band ? ` (${lowerFirst(band.label)})` : '';
        out.push({ text: `${def.displayName} total score: ${total}${label}.`, sources: [`${path}.total`] });
      }
      if (m.baselineTotal !== undefined) {
        const c = compareToBaseline(m.instrument, m.baselineTotal, total);
        const scorePath = m.items !== undefined ? `${path}.items` : `${path}.total`;
        const size = Math.abs(c.delta);
        const movement =
          c.direction === 'unchanged'
            ? `unchanged from the baseline total of ${m.baselineTotal}`
            : `${c.direction === 'improved' ? 'a decrease' : 'an increase'} of ${size} point${size === 1 ? '' : 's'} from the baseline total of ${m.baselineTotal}`;
        const meaning =
          c.level === 'none'
            ? `below the ${c.threshold}-point threshold for meaningful change`
            : `${CHANGE_LEVEL_PHRASES[c.level]} (${c.direction === 'improved' ? 'improvement' : 'worsening'})`;
        let text = `This is ${movement}, ${c.direction === 'unchanged' ? 'with no change' : meaning}.`;
        if (c.remission) text += ' The total is in the remission range (below 5).';
        else if (c.response) text += ' This meets the response criterion (a drop of 50% or more).';
        out.push({ text, sources: [scorePath, `${path}.baselineTotal`] });
      }
      return out;
    }),

  medications: (d) => {
    const out: Sentence[] = [];
    (d.medications?.list ?? []).forEach((m, i) => {
      const path = `medications.list[${i}]`;
      const what = [m.name, m.dose].filter((x) => x !== undefined).join(' ');
      const adherence = m.adherence ? `; ${ADHERENCE_PHRASES[m.adherence]}` : '';
      const sources = [`${path}.name`, ...(m.dose ? [`${path}.dose`] : []), ...(m.adherence ? [`${path}.adherence`] : [])];
      // Drug names and doses are kept as written: shorthand expansion is for prose only.
      out.push({ text: `${what}${adherence}.`, sources });
      if (m.note) out.push(...prose(m.note, `${path}.note`));
    });
    if (d.medications?.text) out.push(...prose(d.medications.text, 'medications.text'));
    return labelled('Medications', out);
  },

  interventions: (d) => {
    const out: Sentence[] = [];
    const list = d.interventions?.list ?? [];
    // Items may hold commas of their own, so they are joined with semicolons.
    if (list.length > 0) out.push({ text: finish(list.map(phrase).join('; ')), sources: ['interventions.list'] });
    if (d.interventions?.text) out.push(...prose(d.interventions.text, 'interventions.text'));
    return labelled('Interventions', out);
  },

  response: (d) => labelled('Response to interventions', d.assessment?.response ? prose(d.assessment.response, 'assessment.response') : []),

  functionalStatus: (d) =>
    labelled('Functional status', d.assessment?.functionalStatus ? prose(d.assessment.functionalStatus, 'assessment.functionalStatus') : []),

  goalsAddressed: (d) => {
    const out = (d.goals ?? []).map((g, i): Sentence => ({ text: `Goal addressed: ${phrase(g.goal)}.`, sources: [`goals[${i}].goal`] }));
    return out.length > 0 ? [out] : [];
  },

  goalProgress: (d) => goalLines(d, false),

  goalsWithProgress: (d) => goalLines(d, true),

  assessment: (d) => {
    const out: Sentence[] = [];
    if (d.assessment?.text) out.push(...prose(d.assessment.text, 'assessment.text'));
    if (d.assessment?.prognosis) out.push({ text: PROGNOSIS_PHRASES[d.assessment.prognosis], sources: ['assessment.prognosis'] });
    return out.length > 0 ? [out] : [];
  },

  risk: (d) => {
    const r = d.risk;
    if (!r) return [];
    const out: Sentence[] = [];
    // Only what was assessed: a field left out produces no sentence at all.
    const denied = (['suicidalIdeation', 'homicidalIdeation', 'selfHarm'] as const).filter((k) => r[k] === 'denied');
    if (denied.length > 0) {
      out.push({ text: `Client denied ${joinList(denied.map((k) => RISK_TOPICS[k]))}.`, sources: denied.map((k) => `risk.${k}`) });
    }
    if (r.suicidalIdeation && r.suicidalIdeation !== 'denied') {
      out.push({ text: SUICIDAL_IDEATION_PHRASES[r.suicidalIdeation], sources: ['risk.suicidalIdeation'] });
    }
    if (r.homicidalIdeation && r.homicidalIdeation !== 'denied') {
      out.push({ text: HOMICIDAL_IDEATION_PHRASES[r.homicidalIdeation], sources: ['risk.homicidalIdeation'] });
    }
    if (r.selfHarm && r.selfHarm !== 'denied') out.push({ text: SELF_HARM_PHRASES[r.selfHarm], sources: ['risk.selfHarm'] });
    if (r.level) out.push({ text: RISK_LEVEL_PHRASES[r.level], sources: ['risk.level'] });
    if (r.safetyPlan) out.push({ text: SAFETY_PLAN_PHRASES[r.safetyPlan], sources: ['risk.safetyPlan'] });
    if (r.protectiveFactors && r.protectiveFactors.length > 0) {
      out.push({ text: `Protective factors: ${joinList(r.protectiveFactors.map(phrase))}.`, sources: ['risk.protectiveFactors'] });
    }
    if (r.notes) out.push(...prose(r.notes, 'risk.notes'));
    return labelled('Risk', out);
  },

  plan: (d) => {
    const out: Sentence[] = [];
    if (d.plan?.text) out.push(...prose(d.plan.text, 'plan.text'));
    if (d.plan?.homework) out.push({ text: `Homework: ${phrase(d.plan.homework)}.`, sources: ['plan.homework'] });
    const referrals = d.plan?.referrals ?? [];
    if (referrals.length > 0) {
      out.push({ text: `Referral${referrals.length > 1 ? 's' : ''}: ${referrals.map(phrase).join('; ')}.`, sources: ['plan.referrals'] });
    }
    return out.length > 0 ? [out] : [];
  },

  nextSession: (d) => {
    const n = d.nextSession;
    if (!n) return [];
    const out: Sentence[] = [];
    if (n.date) {
      const at = n.time ? ` at ${n.time}` : '';
      out.push({ text: `${n.date}${at}.`, sources: ['nextSession.date', ...(n.time ? ['nextSession.time'] : [])] });
    } else if (n.time) {
      out.push({ text: `at ${n.time}.`, sources: ['nextSession.time'] });
    }
    if (n.frequency) out.push({ text: `Planned session frequency: ${FREQUENCY_PHRASES[n.frequency]}.`, sources: ['nextSession.frequency'] });
    if (n.text) out.push(...prose(n.text, 'nextSession.text'));
    return labelled('Next session', out);
  },
};

function goalLines(d: SessionDetails, includeUnrated: boolean): Line[] {
  const out: Sentence[] = [];
  (d.goals ?? []).forEach((g, i) => {
    const path = `goals[${i}]`;
    if (g.progress) {
      out.push({ text: GOAL_PROGRESS_PHRASES[g.progress](phrase(g.goal)), sources: [`${path}.goal`, `${path}.progress`] });
    } else if (includeUnrated) {
      out.push({ text: `Goal addressed: ${phrase(g.goal)}.`, sources: [`${path}.goal`] });
    }
    if (g.note) out.push(...prose(g.note, `${path}.note`));
  });
  return out.length > 0 ? [out] : [];
}
