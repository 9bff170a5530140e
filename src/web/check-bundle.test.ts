/// <reference types="node" />
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { checkBundle } from './check-bundle.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function fakeBuild(entryExtra: number, lazyBytes: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'nw-bundle-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<script type="module" crossorigin src="/assets/index-a.js"></script><link rel="modulepreload" crossorigin href="/assets/vendor-b.js">');
  // Random bytes do not compress, so gzip size ≈ raw size.
  writeFileSync(join(dir, 'assets', 'index-a.js'), `import{a}from"./shared-c.js";const x="${randomBytes(entryExtra).toString('base64')}";import("./lazy-d.js");`);
  writeFileSync(join(dir, 'assets', 'vendor-b.js'), 'export const v=1;');
  writeFileSync(join(dir, 'assets', 'shared-c.js'), 'export const a=1;');
  writeFileSync(join(dir, 'assets', 'lazy-d.js'), randomBytes(lazyBytes).toString('base64'));
  return dir;
}

describe('checkBundle', () => {
  it('counts the entry, its preloads and static imports, not lazy chunks', () => {
    const r = checkBundle(fakeBuild(1_000, 900_000), 400);
    expect(r.initial.map((c) => c.file)).toEqual(['assets/index-a.js', 'assets/shared-c.js', 'assets/vendor-b.js']);
    expect(r.lazy.map((c) => c.file)).toEqual(['assets/lazy-d.js']);
    expect(r.ok).toBe(true);
  });

  it('fails over budget', () => {
    const r = checkBundle(fakeBuild(450_000, 10), 400);
    expect(r.initialGzipBytes).toBeGreaterThan(400_000);
    expect(r.ok).toBe(false);
  });
});
