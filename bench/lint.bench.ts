/**
 * Linter benchmarks: lint p95 on a 2,000-word progress note (target under 5 ms, so it can run
 * on every keystroke), extraction throughput, each as a ratio to a plain regex scan of the
 * same text in the same run; and the linter's precision and recall on the labelled corpus.
 */
import { lint } from '../src/core/rules/index.ts';
import { extractFacts } from '../src/core/notes/extract.ts';
import { loadFullIcd10Lookup } from '../src/reference/icd10-full.ts';
import { loadCorpus } from '../test/corpus/corpus.ts';
import { scoreNote, summarize } from '../test/corpus/score.ts';
import type { BenchModule } from './run.ts';
import { fmtMs, quantile, ratio, timeIterations } from './stats.ts';

/** A realistic 2,000-word note: corpus progress notes joined until 2,000 words. */
function twoThousandWords(): string {
  const notes = loadCorpus().filter((n) => n.expected.kind === 'progress').map((n) => n.text);
  let text = '';
  for (let i = 0; text.split(/\s+/).length < 2000; i++) text += `${notes[i % notes.length]}\n`;
  return text.split(/(\s+)/).slice(0, 4000).join('');
}

/** The baseline: one pass of a single regex over the text, the least any scanner must do. */
function plainRegexScan(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(/\b(?:\d{1,2}:\d{2}|PHQ-9|GAD-7|SI|CPT|F\d\d\.\d+)\b/g)) n++;
  return n;
}

const bench: BenchModule = {
  name: 'lint',
  run() {
    const text = twoThousandWords();
    const icd10 = loadFullIcd10Lookup();
    const words = text.split(/\s+/).filter(Boolean).length;
    const base = timeIterations(() => plainRegexScan(text), 500);
    const lintTimes = timeIterations(() => lint(text, { kind: 'progress', icd10 }), 300);
    const psyTimes = timeIterations(() => lint(text, { kind: 'psychotherapy', icd10 }), 300);
    const extractTimes = timeIterations(() => extractFacts(text), 300);
    const p95 = quantile(lintTimes, 0.95);
    const baseP95 = quantile(base, 0.95);
    console.log(`note: ${words} words, ${text.length} characters`);
    console.log(`plain regex scan (baseline)  p50 ${fmtMs(quantile(base, 0.5))}  p95 ${fmtMs(baseP95)}`);
    console.log(`lint progress note           p50 ${fmtMs(quantile(lintTimes, 0.5))}  p95 ${fmtMs(p95)}  (${ratio(p95, baseP95)} baseline; target p95 < 5 ms: ${p95 < 5 ? 'met' : 'NOT met'})`);
    console.log(`lint psychotherapy note      p50 ${fmtMs(quantile(psyTimes, 0.5))}  p95 ${fmtMs(quantile(psyTimes, 0.95))}  (${ratio(quantile(psyTimes, 0.95), baseP95)} baseline)`);
    const mb = text.length / 1e6;
    const extractMbps = mb / (quantile(extractTimes, 0.5) / 1000);
    const baseMbps = mb / (quantile(base, 0.5) / 1000);
    console.log(`extraction throughput        ${extractMbps.toFixed(1)} MB/s (baseline ${baseMbps.toFixed(1)} MB/s; ${ratio(baseMbps, extractMbps)} slower)`);

    const scores = loadCorpus().map((n) => scoreNote(n.text, n.expected.findings, lint(n.text, { kind: n.expected.kind, icd10 }).findings));
    const s = summarize(scores);
    const t = s.total;
    console.log(`\ncorpus: ${scores.length} notes — precision ${(t.precision * 100).toFixed(1)}%, recall ${(t.recall * 100).toFixed(1)}%, F1 ${(t.f1 * 100).toFixed(1)}% (TP ${t.tp}, FP ${t.fp}, FN ${t.fn})`);
    for (const [rule, r] of s.byRule) {
      console.log(`  ${rule.padEnd(48)} TP ${String(r.tp).padStart(3)}  FP ${String(r.fp).padStart(2)}  FN ${String(r.fn).padStart(2)}  precision ${(r.precision * 100).toFixed(0)}%  recall ${(r.recall * 100).toFixed(0)}%`);
    }
  },
};
export default bench;
