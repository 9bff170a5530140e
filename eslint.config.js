// Type-aware lint. The import-direction rules below enforce ARCHITECTURE.md's layering:
// src/core is pure (no node:*, nothing outside itself) and only the vault module and the
// disclosure path may reach the vault.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'bin/*.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // src/core and the shared API schemas (src/api) run in the browser too: pure, no I/O.
    files: ['src/core/**/*.ts', 'src/api/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*'], message: 'src/core and src/api are pure: no Node built-ins (they run in the browser).' },
          { group: ['../../db/*', '../../server/*', '../../cli/*', '../../web/*', '../../fhir/*', '**/db/**', '**/server/**', '**/cli/**', '**/web/**'], message: 'src/core (and src/api) import nothing from db, server, cli, web or fhir.' },
        ],
      }],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
