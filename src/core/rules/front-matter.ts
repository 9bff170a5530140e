import type { Rule } from './types.ts';

/** Front matter that cannot be read would silently drop facts the clinician gave: say so. */
export const frontMatter: Rule = {
  id: 'note/front-matter',
  kinds: ['progress', 'psychotherapy'],
  severity: 'error',
  citation: 'Notewall note format (YAML front matter)',
  description: 'The optional YAML front matter must be valid and its values well formed.',
  check: ({ facts }) =>
    (facts.frontMatter?.problems ?? []).map((p) => ({
      start: p.start,
      end: p.end,
      message: p.message,
      fix: 'Correct the value, or remove the front matter and write the fact in the note.',
    })),
};
