/**
 * `npm run bench`: runs every benchmark module in this folder and prints its results.
 * Each module measures its own baseline in the same run and reports ratios against it,
 * so the numbers mean something on any machine. Run one area with `npm run bench -- lint`.
 */
export interface BenchModule {
  readonly name: string;
  run(): void | Promise<void>;
}

const modules: Array<() => Promise<{ default: BenchModule }>> = [() => import('./lint.bench.ts'), () => import('./measures.bench.ts'), () => import('./disclosure.bench.ts'), () => import('./drafting.bench.ts'), () => import('./storage.bench.ts'), () => import('./server.bench.ts'), () => import('./release.bench.ts')];

const only = process.argv.slice(2);
for (const load of modules) {
  const mod = (await load()).default;
  if (only.length > 0 && !only.includes(mod.name)) continue;
  console.log(`\n## ${mod.name}`);
  await mod.run();
}
