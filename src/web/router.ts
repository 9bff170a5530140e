/** Hash routes: `#/`, `#/clients`, `#/clients/<id>`, `#/clients/<id>/sessions/<sid>`, `#/admin[/<tab>]`, `#/gallery[/<id>]`. */
import { useEffect, useState } from 'react';

export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'clients' }
  | { readonly name: 'chart'; readonly clientId: string }
  | { readonly name: 'session'; readonly clientId: string; readonly sessionId: string }
  | { readonly name: 'admin'; readonly tab: string }
  | { readonly name: 'gallery' };

/** Parses a location hash; unknown paths are home. */
export function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('?')[0]!
    .split('/')
    .filter(Boolean)
    .map((p) => decodeURIComponent(p));
  const [a, b, c, d] = parts;
  if (a === 'clients' && b && c === 'sessions' && d) return { name: 'session', clientId: b, sessionId: d };
  if (a === 'clients' && b) return { name: 'chart', clientId: b };
  if (a === 'clients') return { name: 'clients' };
  if (a === 'admin') return { name: 'admin', tab: b ?? 'users' };
  if (a === 'gallery') return { name: 'gallery' };
  return { name: 'home' };
}

export const href = {
  home: () => '#/',
  clients: () => '#/clients',
  chart: (clientId: string) => `#/clients/${encodeURIComponent(clientId)}`,
  session: (clientId: string, sessionId: string) => `#/clients/${encodeURIComponent(clientId)}/sessions/${encodeURIComponent(sessionId)}`,
  admin: (tab = 'users') => `#/admin/${tab}`,
};

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onHash = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return route;
}
