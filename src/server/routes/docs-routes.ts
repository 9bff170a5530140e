/** The OpenAPI document, generated from the route schemas. */
import type { RouteGroup } from './route-kit.ts';

export const docsRoutes: RouteGroup = (app) => {
  for (const url of ['/api/docs', '/api/docs/openapi.json']) {
    app.get(url, {
      config: { access: { roles: 'public' } },
      schema: { hide: true },
      handler: () => Promise.resolve(app.swagger()),
    });
  }
};
