/**
 * Measures and codes: ICD-10-CM search latency as a clinician types (behavioural subset and
 * full list) and measure-scoring throughput. Each is reported next to a naive baseline run on
 * the same data in the same process: a plain `Array.filter` substring scan for search, a
 * plain sum for scoring.
 */
import type { BenchModule } from './run.ts';
import { fmtMs, quantile, timeIterations } from './stats.ts';
import { behavioralIcd10Lookup, createIcd10Lookup, type Icd10Entry, type Icd10Lookup } from '../src/core/codes/icd10.ts';
import { loadFullIcd10Lookup } from '../src/reference/icd10-full.ts';
import { INSTRUMENTS, scoreMeasure, type InstrumentId } from '../src/core/measures/index.ts';

/** a / b with two significant digits, so 0.002× does not print as 0.0×. */
function ratio(a: number, b: number): string {
  return `${(a / b).toPrecision(2)}×`;
}

/** Every prefix of what a clinician might type, as the search box sees it keystroke by keystroke. */
const TYPED = ['generalized anxiety', 'major depressive recurrent', 'F43.10', 'adjustment disorder with', 'suicidal', 'Z63.0', 'ptsd', 'alcohol use'];
const KEYSTROKES = TYPED.flatMap((t) => Array.from({ length: t.length }, (_, i) => t.slice(0, i + 1)));

function naiveSearch(entries: readonly Icd10Entry[], query: string, limit: number): Icd10Entry[] {
  const q = query.trim().toLowerCase();
  const code = query.trim().toUpperCase();
  return entries.filter((e) => e.code.startsWith(code) || e.title.toLowerCase().includes(q)).slice(0, limit);
}

function searchBench(label: string, lookup: Icd10Lookup): void {
  const entries = lookup.entries();
  // Index build, once, against one plain pass over the titles.
  const fresh = createIcd10Lookup(entries, { version: lookup.version, scope: lookup.scope });
  let t0 = performance.now();
  fresh.search('a');
  const build = performance.now() - t0;
  t0 = performance.now();
  let chars = 0;
  for (const e of entries) chars += e.title.toLowerCase().length;
  const pass = performance.now() - t0;
  console.log(`${label}: ${entries.length} codes; index build ${fmtMs(build)} (${ratio(build, pass)} a lower-casing pass over ${chars} title chars)`);

  let k = 0;
  const ours = timeIterations(() => lookup.search(KEYSTROKES[k++ % KEYSTROKES.length] ?? '', 20), KEYSTROKES.length * 20);
  let j = 0;
  const base = timeIterations(() => naiveSearch(entries, KEYSTROKES[j++ % KEYSTROKES.length] ?? '', 20), KEYSTROKES.length * 5);
  const p50 = quantile(ours, 0.5);
  const p95 = quantile(ours, 0.95);
  const b50 = quantile(base, 0.5);
  const b95 = quantile(base, 0.95);
  console.log(`  search per keystroke (${KEYSTROKES.length} prefixes): p50 ${fmtMs(p50)}, p95 ${fmtMs(p95)}, max ${fmtMs(ours[ours.length - 1] ?? 0)}`);
  console.log(`  baseline Array.filter substring scan: p50 ${fmtMs(b50)}, p95 ${fmtMs(b95)}`);
  console.log(`  ratio to baseline: p50 ${ratio(p50, b50)}, p95 ${ratio(p95, b95)}`);
}

function scoringBench(): void {
  const N = 200_000;
  const ids: InstrumentId[] = ['phq9', 'gad7', 'pcl5'];
  let seed = 42;
  const rand = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const inputs = Array.from({ length: N }, (_, i) => {
    const id = ids[i % ids.length] ?? 'phq9';
    const def = INSTRUMENTS[id];
    return { id, items: Array.from({ length: def.itemCount }, () => Math.floor(rand() * (def.itemMax + 1))) };
  });

  let sink = 0;
  const runOurs = (): number => {
    const t = performance.now();
    for (const { id, items } of inputs) sink += scoreMeasure(id, items).total;
    return performance.now() - t;
  };
  const runBase = (): number => {
    const t = performance.now();
    for (const { items } of inputs) {
      let s = 0;
      for (const v of items) s += v;
      sink += s;
    }
    return performance.now() - t;
  };
  runOurs();
  runBase();
  const ours = Math.min(runOurs(), runOurs(), runOurs());
  const base = Math.min(runBase(), runBase(), runBase());
  console.log(`scoring ${N} measures (PHQ-9, GAD-7, PCL-5 mixed), best of 3:`);
  console.log(`  scoreMeasure: ${fmtMs(ours)} (${Math.round(N / (ours / 1000)).toLocaleString('en-US')} measures/s, ${((ours / N) * 1e6).toFixed(0)} ns each)`);
  console.log(`  baseline plain sum: ${fmtMs(base)} (${Math.round(N / (base / 1000)).toLocaleString('en-US')} arrays/s)`);
  console.log(`  ratio to baseline: ${ratio(ours, base)} (validation, bands, flags, PCL-5 clusters)`);
  if (sink < 0) console.log(sink);
}

const bench: BenchModule = {
  name: 'measures',
  run() {
    const t0 = performance.now();
    const full = loadFullIcd10Lookup();
    console.log(`full ICD-10-CM list loaded from the gzipped asset in ${fmtMs(performance.now() - t0)}`);
    searchBench('ICD-10-CM behavioural subset (browser)', behavioralIcd10Lookup());
    searchBench('ICD-10-CM full list (server/CLI)', full);
    scoringBench();
    return Promise.resolve();
  },
};

export default bench;
