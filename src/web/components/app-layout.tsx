/**
 * The app shell: header with the practice name and the signed-in user, a navigation list
 * and the page. Data comes in as props; the shell knows nothing about the API.
 */
import { AppShell, Badge, Burger, Button, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';

/** The user shown in the header. */
export interface ShellUser {
  readonly displayName: string;
  readonly roles: readonly string[];
}

export interface NavItem {
  readonly id: string;
  readonly label: string;
  readonly href: string;
}

export interface AppLayoutProps {
  readonly practiceName: string;
  /** Absent before sign-in. */
  readonly user?: ShellUser | undefined;
  readonly nav: readonly NavItem[];
  /** The id of the current page, marked with `aria-current="page"`. */
  readonly activeId?: string | undefined;
  readonly onSignOut?: (() => void) | undefined;
  /** Shown above the page (e.g. the session-expired banner). */
  readonly banner?: ReactNode;
  readonly children: ReactNode;
}

/** Header, navigation and main landmark. Collapses the navigation behind a button on narrow screens and at high zoom. */
export function AppLayout({ practiceName, user, nav, activeId, onSignOut, banner, children }: AppLayoutProps) {
  const [opened, { toggle, close }] = useDisclosure(false);
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={opened ? 'Close navigation' : 'Open navigation'} />
            <Title order={1} size="h4" style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {practiceName}
            </Title>
          </Group>
          {user ? (
            <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
              <Text size="sm" fw={500} truncate="end" aria-label={`Signed in as ${user.displayName}`}>
                {user.displayName}
              </Text>
              <Group gap={4} visibleFrom="md">
                {user.roles.map((r) => (
                  <Badge key={r} variant="light" size="sm">
                    {r}
                  </Badge>
                ))}
              </Group>
              {onSignOut && (
                <Button variant="subtle" size="compact-sm" onClick={onSignOut}>
                  Sign out
                </Button>
              )}
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              Not signed in
            </Text>
          )}
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation" component="nav">
        <Stack gap={2}>
          {nav.map((item) => (
            <NavLink
              key={item.id}
              href={item.href}
              label={item.label}
              active={item.id === activeId}
              aria-current={item.id === activeId ? 'page' : undefined}
              onClick={close}
            />
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        {banner}
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
