/** Hash routes: `#/`, `#/clients`, `#/clients/<id>`, `#/clients/<id>/sessions/<sid>`, `#/admin[/<tab>]`, `#/gallery[/<id>]`, `#/release/…`, `#/approvals/…`, `#/training/…`. */
import { useEffect, useState } from 'react';

export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'clients' }
  | { readonly name: 'chart'; readonly clientId: string }
  | { readonly name: 'session'; readonly clientId: string; readonly sessionId: string }
  | { readonly name: 'admin'; readonly tab: string }
  | { readonly name: 'gallery' }
  /** Release of information (`#/release/…`), approvals (`#/approvals/…`), training (`#/training/…`): `src/web/release/`. */
  | { readonly name: 'release'; readonly section: 'records' | 'approvals' | 'training'; readonly parts: readonly string[] };

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
  if (a === 'release') return { name: 'release', section: 'records', parts: parts.slice(1) };
  if (a === 'approvals') return { name: 'release', section: 'approvals', parts: parts.slice(1) };
  if (a === 'training') return { name: 'release', section: 'training', parts: parts.slice(1) };
  return { name: 'home' };
}

export const href = {
  home: () => '#/',
  clients: () => '#/clients',
  chart: (clientId: string) => `#/clients/${encodeURIComponent(clientId)}`,
  session: (clientId: string, sessionId: string) => `#/clients/${encodeURIComponent(clientId)}/sessions/${encodeURIComponent(sessionId)}`,
  admin: (tab = 'users') => `#/admin/${tab}`,
  releaseQueue: () => '#/release',
  releaseNew: () => '#/release/new',
  releaseRequest: (requestId: string) => `#/release/requests/${encodeURIComponent(requestId)}`,
  releaseAccounting: (clientId?: string) => (clientId ? `#/release/accounting/${encodeURIComponent(clientId)}` : '#/release/accounting'),
  approvals: () => '#/approvals',
  approval: (requestId: string) => `#/approvals/${encodeURIComponent(requestId)}`,
  training: () => '#/training',
  trainingReport: () => '#/training/report',
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
