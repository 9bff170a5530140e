/** The docs name every rule id, so a new rule cannot ship undocumented. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../src/core/rules/index.ts';

describe('docs/linter.md', () => {
  const doc = readFileSync(join(import.meta.dirname, '..', 'docs', 'linter.md'), 'utf8');
  it.each(RULE_IDS.map((id) => [id]))('documents %s', (id) => {
    expect(doc).toContain(`\`${id}\``);
  });
});
