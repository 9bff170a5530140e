/**
 * The web app: files from the Vite build (`dist/web`), with `index.html` for client-side
 * routes. Until the web app is built, a small page says so and how to build it; the
 * server never fails to start because of it. Unknown `/api/...` paths are JSON 404s.
 */
import { existsSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { AppError } from '../errors.ts';
import type { RouteGroup } from './route-kit.ts';

/** Shown when `dist/web` has no build. No inline script or style (the CSP forbids them). */
export const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Notewall</title></head>
<body>
<main>
<h1>Notewall is running</h1>
<p>The API is up at <a href="/api/docs">/api/docs</a>, but the web app is not built yet.</p>
<p>Build it with <code>npm run build</code> and restart the server (<code>npm start</code>).</p>
</main>
</body>
</html>
`;

export function webBuilt(webDir: string): boolean {
  return existsSync(join(webDir, 'index.html'));
}

export const webRoutes: RouteGroup = (app, deps) => {
  const root = deps.config.webDir;
  app.get('/*', {
    config: { access: { roles: 'public' } },
    schema: { hide: true },
    handler: async (request, reply) => {
      const path = (request.url.split('?')[0] ?? '/').replace(/^\/+/, '');
      if (path === 'api' || path.startsWith('api/')) throw new AppError('not-found');
      if (!webBuilt(root)) return reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
      let rel = '';
      try {
        rel = normalize(decodeURIComponent(path));
      } catch {
        throw new AppError('not-found');
      }
      if (rel.startsWith('..')) throw new AppError('not-found');
      const file = join(root, rel);
      if (rel !== '' && rel !== '.' && existsSync(file) && statSync(file).isFile()) {
        // Hashed assets may be cached; index.html must not be.
        if (rel.startsWith('assets/')) void reply.header('cache-control', 'public, max-age=31536000, immutable');
        return reply.sendFile(rel);
      }
      void reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html');
    },
  });
};
