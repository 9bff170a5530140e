/**
 * Drafting benchmarks: compose p95 (target under 20 ms), split of 1,000 words (target under
 * 20 ms), and the splitter's accuracy and excluded-item recall on the labelled corpus. Each
 * is also given as a ratio to a baseline measured in the same run: a plain string-template
 * fill of the same session details, a plain regex sentence split of the same text, and two
 * naive splitters (everything to the progress note; first person to the psychotherapy note).
 */
import { readFileSync } from 'node:fs';
import { composeNote, parseSessionDetails, splitNote, type SessionDetails } from '../src/core/drafting/index.ts';
import { lint } from '../src/core/rules/index.ts';
import { HOLDOUT_PATH, evaluateSplitter, loadCorpus } from '../test/splitter-corpus/evaluate.ts';
import type { BenchModule } from './run.ts';
import { fmtMs, quantile, ratio, timeIterations } from './stats.ts';

function example(): { raw: unknown; details: SessionDetails } {
  const raw: unknown = JSON.parse(readFileSync(new URL('../examples/session-details.json', import.meta.url), 'utf8'));
  const parsed = parseSessionDetails(raw);
  if (!parsed.ok) throw new Error('examples/session-details.json is invalid');
  return { raw, details: parsed.details };
}

/** The baseline: a plain template fill over the same fields, no validation, no provenance. */
function templateFill(d: SessionDetails): string {
  const l = d.logistics;
  return [
    `Date: ${l.date}`,
    `Time: ${l.start ?? ''}-${l.end ?? ''}`,
    `CPT: ${(l.cptCodes ?? []).join(', ')}`,
    `Modality: ${d.modality?.type ?? ''}`,
    `Diagnosis: ${(d.diagnoses ?? []).map((x) => x.code).join('; ')}`,
    `S: ${d.report?.text ?? ''}`,
    `O: ${Object.values(d.observations ?? {}).join('; ')} ${(d.interventions?.list ?? []).join('; ')}`,
    `A: ${d.assessment?.text ?? ''} Risk: SI ${d.risk?.suicidalIdeation ?? ''}`,
    `P: ${d.plan?.text ?? ''}`,
  ].join('\n');
}

/** Raw notes of at least 1,000 words: corpus sentences in mixed prose, line and list styles. */
function thousandWords(): string {
  const sentences = loadCorpus().map((e) => e.text);
  let text = '';
  for (let i = 0; text.split(/\s+/).filter(Boolean).length < 1000; i++) {
    const s = sentences[(i * 7) % sentences.length]!;
    text += i % 9 === 0 ? `\n- ${s}\n` : i % 5 === 0 ? `${s}\n` : `${s} `;
  }
  return text;
}

function plainRegexSplit(text: string): string[] {
  return text.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim() !== '');
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

const bench: BenchModule = {
  name: 'drafting',
  run() {
    const { raw, details } = example();
    const base = timeIterations(() => templateFill(details), 2000);
    const compose = timeIterations(() => composeNote(details, 'soap'), 1000);
    const full = timeIterations(() => {
      const p = parseSessionDetails(raw);
      if (p.ok) composeNote(p.details, 'girp');
    }, 1000);
    const withLint = timeIterations(() => lint(composeNote(details, 'dap').text, { kind: 'progress' }), 500);
    const baseP95 = quantile(base, 0.95);
    const p95 = quantile(full, 0.95);
    console.log('draft (examples/session-details.json)');
    console.log(`  template fill (baseline)       p50 ${fmtMs(quantile(base, 0.5))}  p95 ${fmtMs(baseP95)}`);
    console.log(`  compose                        p50 ${fmtMs(quantile(compose, 0.5))}  p95 ${fmtMs(quantile(compose, 0.95))}  (${ratio(quantile(compose, 0.95), baseP95)} baseline)`);
    console.log(`  validate + compose             p50 ${fmtMs(quantile(full, 0.5))}  p95 ${fmtMs(p95)}  (${ratio(p95, baseP95)} baseline; target p95 < 20 ms: ${p95 < 20 ? 'met' : 'NOT met'})`);
    console.log(`  compose + lint                 p50 ${fmtMs(quantile(withLint, 0.5))}  p95 ${fmtMs(quantile(withLint, 0.95))}  (${ratio(quantile(withLint, 0.95), baseP95)} baseline)`);

    const text = thousandWords();
    const words = text.split(/\s+/).filter(Boolean).length;
    const splitBase = timeIterations(() => plainRegexSplit(text), 500);
    const split = timeIterations(() => splitNote(text), 300);
    const sp95 = quantile(split, 0.95);
    const sbase95 = quantile(splitBase, 0.95);
    console.log(`\nsplit (${words} words, ${splitNote(text).segments.length} sentences)`);
    console.log(`  plain regex split (baseline)   p50 ${fmtMs(quantile(splitBase, 0.5))}  p95 ${fmtMs(sbase95)}`);
    console.log(`  splitNote                      p50 ${fmtMs(quantile(split, 0.5))}  p95 ${fmtMs(sp95)}  (${ratio(sp95, sbase95)} baseline; target < 20 ms: ${sp95 < 20 ? 'met' : 'NOT met'})`);

    const corpus = loadCorpus();
    const score = evaluateSplitter(corpus);
    const allProgress = evaluateSplitter(corpus, () => [{ destination: 'progress', reasons: [] }]);
    const firstPerson = evaluateSplitter(corpus, (t) => [{ destination: /(?:^|[^\p{L}])(?:I|my|me)(?![\p{L}])/u.test(t) ? 'psychotherapy' : 'progress', reasons: [] }]);
    const p = corpus.filter((e) => e.destination === 'psychotherapy').length;
    console.log(`\nsplitter corpus (${corpus.length} sentences: ${corpus.length - p} progress, ${p} psychotherapy; ${score.excludedTotal} carry an excluded item)`);
    console.log(`  splitNote                      accuracy ${pct(score.accuracy)} (target ≥ 90%: ${score.accuracy >= 0.9 ? 'met' : 'NOT met'})  excluded-item recall ${pct(score.excludedRecall)} (${score.excludedRouted}/${score.excludedTotal}; target 100%: ${score.excludedRecall === 1 ? 'met' : 'NOT met'})`);
    console.log(`  baseline: all to progress      accuracy ${pct(allProgress.accuracy)}  excluded-item recall ${pct(allProgress.excludedRecall)}  (splitNote ${ratio(score.accuracy, allProgress.accuracy)} its accuracy)`);
    console.log(`  baseline: first person → psy   accuracy ${pct(firstPerson.accuracy)}  excluded-item recall ${pct(firstPerson.excludedRecall)}  (splitNote ${ratio(score.accuracy, firstPerson.accuracy)} its accuracy)`);
    for (const m of score.misses) console.log(`    miss: labelled ${m.entry.destination}, routed ${m.predicted}: ${m.entry.text}`);
    const holdout = evaluateSplitter(loadCorpus(HOLDOUT_PATH));
    console.log(`  held-out set (${holdout.total} sentences written after the cue table, never tuned on)`);
    console.log(`  splitNote                      accuracy ${pct(holdout.accuracy)}  excluded-item recall ${pct(holdout.excludedRecall)} (${holdout.excludedRouted}/${holdout.excludedTotal})`);
  },
};
export default bench;
