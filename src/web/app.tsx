/**
 * The app: shell plus hash routes. Every route beyond the shell is a lazy chunk, so the
 * initial JavaScript stays small (budget: 400 KB gzip, checked by `check-bundle.ts`); the
 * editor and the linter it carries load only when a note is opened.
 *
 * Until the server (issue 4) exists there is no sign-in and no data: the shell shows that
 * plainly, and the editor route works on an in-memory draft only.
 */
import { Alert, Anchor, Loader, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, useEffect, useState } from 'react';
import { AppLayout, type NavItem } from './components/app-layout.tsx';

const EditorPage = lazy(() => import('./pages/editor-page.tsx'));
const ComponentGallery = lazy(() => import('./pages/ComponentGallery.tsx'));

const NAV: readonly NavItem[] = [
  { id: 'home', label: 'Home', href: '#/' },
  { id: 'editor', label: 'Session note', href: '#/editor' },
  { id: 'gallery', label: 'Component gallery', href: '#/gallery' },
];

/** The route id for a location hash ("#/editor" → "editor"). */
export function routeOf(hash: string): string {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return NAV.some((n) => n.id === id) ? id : 'home';
}

function useHashRoute(): string {
  const [route, setRoute] = useState(() => routeOf(window.location.hash));
  useEffect(() => {
    const onHash = (): void => setRoute(routeOf(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return route;
}

function Home() {
  return (
    <Stack gap="md" maw="60rem">
      <Title order={2}>Welcome to Notewall</Title>
      <Alert color="blue" title="Not connected">
        The server is not available yet, so there is no sign-in and no client data here. The session-note editor works on an
        in-memory draft that is not saved anywhere.
      </Alert>
      <Text>
        <Anchor href="#/editor">Open the session-note editor</Anchor> or the <Anchor href="#/gallery">component gallery</Anchor>.
      </Text>
    </Stack>
  );
}

/** Shell and routes. */
export function App() {
  const route = useHashRoute();
  return (
    <AppLayout practiceName="Notewall" nav={NAV} activeId={route}>
      <Suspense fallback={<Loader aria-label="Loading" />}>
        {route === 'editor' ? <EditorPage /> : route === 'gallery' ? <ComponentGallery /> : <Home />}
      </Suspense>
    </AppLayout>
  );
}
