/// <reference types="node" />
/**
 * Bundle budget check: the initial JavaScript of the built app (the entry script in
 * `dist/web/index.html` and every chunk it preloads or imports statically) must stay under
 * 400 KB gzip. Lazy chunks (the editor, the gallery) are reported but not counted.
 *
 *   npx tsx src/web/check-bundle.ts [distDir] [--budget-kb 400]
 *
 * Exits 1 over budget, 2 when the build is missing. `checkBundle` is exported for tests.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface ChunkSize {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

export interface BundleReport {
  readonly initial: readonly ChunkSize[];
  readonly lazy: readonly ChunkSize[];
  readonly css: readonly ChunkSize[];
  readonly initialGzipBytes: number;
  readonly budgetBytes: number;
  readonly ok: boolean;
}

export const DEFAULT_BUDGET_KB = 400;

function size(dir: string, file: string): ChunkSize {
  const data = readFileSync(join(dir, file));
  return { file, bytes: data.length, gzipBytes: gzipSync(data, { level: 9 }).length };
}

/** Static imports of a built ES module chunk (`import … from "./x.js"`, `import "./x.js"`). */
function staticImports(code: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(code)) !== null) out.push(m[1]!);
  return out;
}

function listFiles(dir: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(ext)) out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** Measures the build in `dir` against `budgetKb` (KB = 1,000 bytes of gzip). */
export function checkBundle(dir: string, budgetKb = DEFAULT_BUDGET_KB): BundleReport {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const roots = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  const initial = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (initial.has(file) || !existsSync(join(dir, file))) continue;
    initial.add(file);
    const base = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    for (const imp of staticImports(readFileSync(join(dir, file), 'utf8'))) {
      queue.push(imp.startsWith('./') ? base + imp.slice(2) : imp.replace(/^\//, ''));
    }
  }
  const all = listFiles(dir, '.js');
  const initialSizes = all.filter((f) => initial.has(f)).map((f) => size(dir, f));
  const lazy = all.filter((f) => !initial.has(f)).map((f) => size(dir, f));
  const css = listFiles(dir, '.css').map((f) => size(dir, f));
  const initialGzipBytes = initialSizes.reduce((s, c) => s + c.gzipBytes, 0);
  const budgetBytes = budgetKb * 1000;
  return { initial: initialSizes, lazy, css, initialGzipBytes, budgetBytes, ok: initialSizes.length > 0 && initialGzipBytes <= budgetBytes };
}

const kb = (n: number): string => `${(n / 1000).toFixed(1)} KB`;

function main(argv: readonly string[]): number {
  const budgetAt = argv.indexOf('--budget-kb');
  const budget = budgetAt >= 0 ? Number(argv[budgetAt + 1]) : DEFAULT_BUDGET_KB;
  const dirArg = argv.find((a, i) => !a.startsWith('--') && (budgetAt < 0 || i !== budgetAt + 1));
  const dir = resolve(dirArg ?? fileURLToPath(new URL('../../dist/web', import.meta.url)));
  if (!existsSync(join(dir, 'index.html'))) {
    console.error(`No build at ${dir}: run npm run build first.`);
    return 2;
  }
  const r = checkBundle(dir, budget);
  const line = (c: ChunkSize): string => `  ${c.file.padEnd(48)} ${kb(c.bytes).padStart(10)}  gzip ${kb(c.gzipBytes).padStart(9)}`;
  console.log('Initial JavaScript:');
  r.initial.forEach((c) => console.log(line(c)));
  console.log('Lazy chunks (not counted):');
  r.lazy.forEach((c) => console.log(line(c)));
  console.log('CSS:');
  r.css.forEach((c) => console.log(line(c)));
  console.log(`Initial JS gzip: ${kb(r.initialGzipBytes)} of ${kb(r.budgetBytes)} budget: ${r.ok ? 'OK' : 'OVER BUDGET'}`);
  return r.ok ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
