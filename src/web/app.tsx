/**
 * The app: first-run setup, sign-in, then the shell with hash routes. Every page beyond
 * the shell is a lazy chunk, so the initial JavaScript stays small (budget: 400 KB gzip,
 * checked by `check-bundle.ts`); the session page and the linter it carries load only when
 * a note is opened.
 *
 * When the session ends, the page stays mounted behind the expired banner and a sign-in
 * dialog, so nothing typed is lost (see `auth/auth-context.tsx`).
 */
import { Alert, Center, Loader, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { api, keys } from './api/endpoints.ts';
import { AuthProvider, useAuth } from './auth/auth-context.tsx';
import { LoginForm } from './auth/login-form.tsx';
import { TotpEnrol } from './auth/totp-enrol.tsx';
import { AppLayout, type NavItem } from './components/app-layout.tsx';
import { IdleWarning } from './components/idle-warning.tsx';
import { SessionExpiredBanner } from './components/session-expired-banner.tsx';
import { SetupPage } from './pages/setup-page.tsx';
import { useRoute, type Route } from './router.ts';
import { releaseNavFor, releaseNavId } from './release/release-nav.ts';
import type { Role } from './api/schemas.ts';

const HomePage = lazy(() => import('./pages/home-page.tsx'));
const ClientsPage = lazy(() => import('./pages/clients-page.tsx'));
const ChartPage = lazy(() => import('./pages/chart-page.tsx'));
const SessionPage = lazy(() => import('./pages/session-page.tsx'));
const AdminPage = lazy(() => import('./pages/admin-page.tsx'));
const ComponentGallery = lazy(() => import('./pages/ComponentGallery.tsx'));
const ReleasePage = lazy(() => import('./release/release-page.tsx'));

/** The navigation a user sees, by role. */
export function navFor(roles: readonly Role[]): NavItem[] {
  const items: NavItem[] = [];
  if (roles.some((r) => r === 'clinician' || r === 'supervisor')) items.push({ id: 'home', label: 'Home', href: '#/' });
  if (roles.some((r) => r !== 'biller')) items.push({ id: 'clients', label: 'Clients', href: '#/clients' });
  if (roles.includes('admin')) items.push({ id: 'admin', label: 'Admin', href: '#/admin/users' });
  items.push(...releaseNavFor(roles));
  return items;
}

function navId(route: Route): string {
  switch (route.name) {
    case 'chart':
    case 'session':
    case 'clients':
      return 'clients';
    case 'release':
      return releaseNavId(route);
    default:
      return route.name;
  }
}

function Page({ route, roles }: { readonly route: Route; readonly roles: readonly Role[] }) {
  switch (route.name) {
    case 'clients':
      return <ClientsPage />;
    case 'chart':
      return <ChartPage clientId={route.clientId} />;
    case 'session':
      return <SessionPage clientId={route.clientId} sessionId={route.sessionId} />;
    case 'admin':
      return <AdminPage tab={route.tab} />;
    case 'gallery':
      return <ComponentGallery />;
    case 'release':
      return <ReleasePage route={route} />;
    case 'home':
      if (roles.some((r) => r === 'clinician' || r === 'supervisor')) return <HomePage />;
      if (roles.includes('admin')) return <AdminPage tab="users" />;
      return <ClientsPage />;
  }
}

function SignInScreen({ defaultUsername }: { readonly defaultUsername?: string | undefined }) {
  const auth = useAuth();
  return (
    <Stack component="main" maw="26rem" mx="auto" p="md" mt="xl" gap="md">
      <Title order={1}>Notewall</Title>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} size="h3">
            Sign in
          </Title>
          <LoginForm onSignedIn={auth.signedIn} defaultUsername={defaultUsername} />
        </Stack>
      </Paper>
    </Stack>
  );
}

function Gate() {
  const auth = useAuth();
  const route = useRoute();
  const [setupUser, setSetupUser] = useState<string | undefined>();
  const [relogin, setRelogin] = useState(false);
  const setup = useQuery({ queryKey: keys.setup, queryFn: api.setupStatus, enabled: auth.status === 'signed-out' });

  if (auth.status === 'loading' || (auth.status === 'signed-out' && setup.isPending)) {
    return (
      <Center mih="50vh" component="main">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (auth.status === 'signed-out') {
    if (setup.isError) {
      return (
        <Stack component="main" p="md">
          <Alert color="red" role="alert" title="The server could not be reached">
            <Text>Reload the page when the server is back.</Text>
          </Alert>
        </Stack>
      );
    }
    if (setup.data?.needsSetup) return <SetupPage onDone={(u) => { setSetupUser(u); void setup.refetch(); }} />;
    return <SignInScreen defaultUsername={setupUser} />;
  }
  const session = auth.session!;
  const user = session.user;
  if (auth.status === 'signed-in' && session.totpEnrolmentRequired) {
    return (
      <AppLayout practiceName="Notewall" user={user} nav={[]} onSignOut={() => void auth.signOut()}>
        <TotpEnrol required onDone={() => void auth.refresh()} />
      </AppLayout>
    );
  }
  const expired = auth.status === 'expired';
  return (
    <AppLayout
      practiceName="Notewall"
      user={user}
      nav={navFor(user.roles)}
      activeId={navId(route)}
      onSignOut={() => void auth.signOut()}
      banner={expired ? <SessionExpiredBanner unsavedText={auth.unsavedText()} onSignIn={() => setRelogin(true)} /> : undefined}
    >
      <Suspense fallback={<Loader aria-label="Loading" />}>
        {/* Keyed by user: a different person signing in gets fresh pages. */}
        <div key={user.id}>
          <Page route={route} roles={user.roles} />
        </div>
      </Suspense>
      <IdleWarning opened={auth.warning} deadline={auth.deadline} onStay={auth.stay} onSignOut={() => void auth.signOut()} onExpire={auth.expire} />
      {/* Mantine's close button is an icon only; it needs a name (axe button-name, found by test/e2e/idle.e2e.test.ts). */}
      <Modal opened={expired && relogin} onClose={() => setRelogin(false)} title="Sign in again" centered closeButtonProps={{ 'aria-label': 'Close' }}>
        <Text size="sm" mb="sm">
          Your unsaved text stays on the page and is saved once you are signed in.
        </Text>
        <LoginForm
          defaultUsername={user.username}
          onSignedIn={(info) => {
            setRelogin(false);
            auth.signedIn(info);
          }}
        />
      </Modal>
    </AppLayout>
  );
}

/** Providers below the query client, and the gate. */
export function App() {
  return (
    <AuthProvider>
      <Gate />
    </AuthProvider>
  );
}
