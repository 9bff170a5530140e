/**
 * The import graph, read from the source (ARCHITECTURE.md invariant 1; STYLE.md §1):
 *
 * - only the vault module and the paths listed in {@link VAULT_IMPORTERS} import anything
 *   under `src/db/vault/`;
 * - nothing under `src/core/` imports a `node:` module or a relative path leaving `src/core/`.
 *
 * ESLint enforces the core rule too; this test is the second guard and also covers the vault.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');
const VAULT = 'src/db/vault/';

/**
 * Everything allowed to import the vault, with why:
 * - the vault itself;
 * - `src/db/ops/`: the operations that compose chart and vault (setup creates the recovery
 *   key, backup snapshots both stores, restore verifies both, import encrypts to authors);
 * - `src/server/vault/`: the author's own psychotherapy-note routes and the login unlock;
 * - the disclosure path, which releases psychotherapy notes only under 164.508(a)(2).
 */
export const VAULT_IMPORTERS = [
  'src/db/vault/',
  'src/db/ops/',
  'src/server/vault/',
  'src/core/disclosure/',
  'src/server/disclosure/',
  'src/release/',
] as const;

function sourceFiles(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(sourceFiles(path));
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name)) out.push(path);
  }
  return out;
}

/** Every module specifier in a file: static imports and re-exports, side-effect imports, dynamic import(). */
export function specifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) if (m[1]) found.push(m[1]);
  return found;
}

const toPosix = (p: string) => p.split(sep).join('/');
const rel = (abs: string) => toPosix(relative(ROOT, abs));

interface SourceFile {
  readonly abs: string;
  readonly path: string;
  readonly imports: readonly string[];
}

const files: SourceFile[] = sourceFiles(SRC).map((abs) => ({ abs, path: rel(abs), imports: specifiers(readFileSync(abs, 'utf8')) }));

function vaultOffenders(list: readonly SourceFile[]): string[] {
  const offenders: string[] = [];
  for (const f of list) {
    if (VAULT_IMPORTERS.some((allowed) => f.path.startsWith(allowed))) continue;
    for (const spec of f.imports) {
      const target = spec.startsWith('.') ? rel(resolve(dirname(f.abs), spec)) : spec;
      if (target.startsWith(VAULT) || /(^|\/)db\/vault(\/|$)/.test(target)) offenders.push(`${f.path} imports ${spec}`);
    }
  }
  return offenders;
}

function coreOffenders(list: readonly SourceFile[]): string[] {
  const offenders: string[] = [];
  for (const f of list.filter((x) => x.path.startsWith('src/core/'))) {
    for (const spec of f.imports) {
      if (spec.startsWith('node:')) offenders.push(`${f.path} imports ${spec}`);
      else if (spec.startsWith('.') && !rel(resolve(dirname(f.abs), spec)).startsWith('src/core/')) offenders.push(`${f.path} imports ${spec}`);
    }
  }
  return offenders;
}

const fake = (path: string, imports: string[]): SourceFile => ({ abs: join(ROOT, path), path, imports });

describe('import boundaries', () => {
  it('parses all three import forms', () => {
    expect(specifiers(`import { a } from './a.ts';\nimport type {\n  B,\n} from "../b.ts";\nexport * from './c.ts';\nimport './d.ts';\nconst e = await import('./e.ts');`)).toEqual(
      expect.arrayContaining(['./a.ts', '../b.ts', './c.ts', './d.ts', './e.ts']),
    );
  });

  it('flags the violations it exists to catch', () => {
    expect(vaultOffenders([fake('src/db/chart/x.ts', ['../vault/vault-store.ts'])])).toHaveLength(1);
    expect(vaultOffenders([fake('src/cli/commands/x.ts', ['../../db/vault/crypto.ts'])])).toHaveLength(1);
    expect(vaultOffenders([fake('src/server/routes/x.ts', ['../../db/vault/index.ts'])])).toHaveLength(1);
    expect(vaultOffenders([fake('src/db/ops/setup.ts', ['../vault/vault-store.ts'])])).toEqual([]);
    expect(vaultOffenders([fake('src/db/vault/a.ts', ['./b.ts'])])).toEqual([]);
    expect(coreOffenders([fake('src/core/x/y.ts', ['node:fs'])])).toHaveLength(1);
    expect(coreOffenders([fake('src/core/x/y.ts', ['../../db/connection.ts'])])).toHaveLength(1);
    expect(coreOffenders([fake('src/core/x/y.ts', ['../notes/model.ts', 'zod'])])).toEqual([]);
  });

  it('scans the real source tree', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => f.path.startsWith(VAULT))).toBe(true);
  });

  it('lets only the vault and the listed paths import src/db/vault', () => {
    expect(vaultOffenders(files)).toEqual([]);
  });

  it('keeps src/core pure: no node: modules, nothing outside src/core', () => {
    expect(coreOffenders(files)).toEqual([]);
  });
});
