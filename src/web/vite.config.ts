/**
 * Vite build of the web app. Root is `src/web`; output goes to `dist/web`, which the server
 * serves next to the API. PostCSS runs postcss-preset-mantine (Mantine's mixins and rem
 * functions) inline, so there is no separate PostCSS config file to keep in step.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { AcceptedPlugin } from 'postcss';
import mantinePresetUntyped from 'postcss-preset-mantine';
import { defineConfig } from 'vite';

// The package declares itself as `any`; this is its documented call signature.
const mantinePreset = mantinePresetUntyped as () => AcceptedPlugin;

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  css: {
    postcss: { plugins: [mantinePreset()] },
  },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    // No inline scripts or eval: the server sends a strict Content-Security-Policy.
    assetsInlineLimit: 0,
    sourcemap: false,
    // The editor chunk carries the linter, zod and the behavioural ICD-10-CM subset (~150 KB gzip);
    // it is lazy, and the initial-JS budget is enforced by check-bundle.ts instead.
    chunkSizeWarningLimit: 700,
    target: 'es2022',
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
});
