/**
 * Disclosure gate throughput: decisions per second over generated requests (all requester
 * types, with and without authorizations, some defective), next to a baseline measured on
 * the same requests in the same run: a plain object lookup of a precomputed answer by
 * requester type, which is the least any gate must do. Also reports the edge cost of
 * parsing the request JSON with zod before deciding (what the CLI and API do).
 */
import type { BenchModule } from './run.ts';
import { quantile } from './stats.ts';
import {
  Authorization,
  decideDisclosure,
  DisclosureRequest,
  REQUESTER_TYPES,
  type AuthorizationInput,
  type DisclosureRequestInput,
  type RequesterType,
} from '../src/core/disclosure/index.ts';

const N = 20_000;
const ROUNDS = 15;
const AS_OF = '2026-03-10';

function makeRandom(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

interface Case {
  readonly raw: { request: DisclosureRequestInput; authorizations: AuthorizationInput[] };
  readonly request: DisclosureRequest;
  readonly authorizations: Authorization[];
}

function generate(): Case[] {
  const rand = makeRandom(7);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const cases: Case[] = [];
  for (let i = 0; i < N; i++) {
    const request: DisclosureRequestInput = {
      requester: pick(REQUESTER_TYPES),
      recipient: pick(['Q. R. Recipient Group', 'Other Party LLC']),
      receivedOn: '2026-03-02',
      subpoena: { satisfactoryAssurance: pick(['notice', 'qualified-protective-order', 'none'] as const) },
      courtOrder: { coversProgressNotes: rand() < 0.8, coversPsychotherapyNotes: rand() < 0.5 },
      oversight: { ofOriginator: rand() < 0.5 },
      representative: { authorityVerified: rand() < 0.8 },
    };
    const authorizations: AuthorizationInput[] = Array.from({ length: Math.floor(rand() * 3) }, (_, k) => ({
      id: `A-${k}`,
      kind: pick(['general', 'psychotherapy-notes'] as const),
      description: 'Records 2025',
      discloser: 'Elmwood Counseling',
      recipient: pick(['Q. R. Recipient Group', 'Other Party LLC']),
      purpose: 'At the request of the individual',
      expiresOn: pick(['2026-12-31', '2026-01-31']),
      signedBy: 'J. K.',
      signedOn: '2026-01-15',
      statements: { rightToRevoke: true, conditioning: rand() < 0.9, redisclosure: true },
      ...(rand() < 0.1 ? { revokedOn: '2026-03-01' } : {}),
    }));
    cases.push({ raw: { request, authorizations }, request: DisclosureRequest.parse(request), authorizations: authorizations.map((a) => Authorization.parse(a)) });
  }
  return cases;
}

/** Median time for one pass over all cases, in ms, after a warm-up pass. */
function timePasses(pass: () => number): { median: number; p95: number; sink: number } {
  let sink = pass();
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    sink += pass();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: quantile(times, 0.5), p95: quantile(times, 0.95), sink };
}

const perSecond = (ms: number): string => `${Math.round((N / ms) * 1000).toLocaleString('en-US')}/s`;
const perCall = (ms: number): string => `${((ms * 1000) / N).toFixed(2)} µs`;
const ratio = (a: number, b: number): string => `${(a / b).toPrecision(3)}×`;

const bench: BenchModule = {
  name: 'disclosure',
  run() {
    const cases = generate();

    // Baseline: a precomputed answer per requester type, looked up in a plain object.
    const lookup = Object.fromEntries(REQUESTER_TYPES.map((t) => [t, { progressNotes: true, psychotherapyNotes: false }])) as Record<RequesterType, { progressNotes: boolean; psychotherapyNotes: boolean }>;
    const base = timePasses(() => {
      let released = 0;
      for (const c of cases) if (lookup[c.request.requester].progressNotes) released++;
      return released;
    });

    const gate = timePasses(() => {
      let released = 0;
      for (const c of cases) if (decideDisclosure(c.request, c.authorizations, AS_OF).psychotherapyNotes.release) released++;
      return released;
    });

    const edge = timePasses(() => {
      let released = 0;
      for (const c of cases) {
        const request = DisclosureRequest.parse(c.raw.request);
        const authorizations = c.raw.authorizations.map((a) => Authorization.parse(a));
        if (decideDisclosure(request, authorizations, AS_OF).psychotherapyNotes.release) released++;
      }
      return released;
    });

    const withAuth = cases.filter((c) => c.authorizations.length > 0).length;
    console.log(`${N} generated requests (${withAuth} with 1–2 authorizations), ${ROUNDS} timed passes each; median pass (p95)`);
    console.log(`  baseline object lookup:      ${perSecond(base.median)} (${perCall(base.median)} per request; p95 pass ${base.p95.toFixed(2)} ms)`);
    console.log(`  decideDisclosure:            ${perSecond(gate.median)} (${perCall(gate.median)} per decision; p95 pass ${gate.p95.toFixed(2)} ms)`);
    console.log(`  zod parse + decideDisclosure: ${perSecond(edge.median)} (${perCall(edge.median)} per request; p95 pass ${edge.p95.toFixed(2)} ms)`);
    console.log(`  ratio to baseline (time): gate ${ratio(gate.median, base.median)}, parse + gate ${ratio(edge.median, base.median)}`);
    console.log(`  (checksum ${base.sink + gate.sink + edge.sink})`);
    return Promise.resolve();
  },
};

export default bench;
