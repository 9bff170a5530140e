/** Small building blocks the pages share: query states, dates, section cards. */
import { Alert, Loader, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { errorMessage } from '../api/client.ts';

/** Today as `YYYY-MM-DD` in the browser's time zone (the clinician's day). */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A time stamp for people: local date and time. */
export function formatWhen(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Loading, error, or the content. */
export function QueryState({ query, label, children }: { readonly query: { isPending: boolean; isError: boolean; error: unknown }; readonly label: string; readonly children: () => ReactNode }) {
  if (query.isPending) return <Loader size="sm" aria-label={`Loading ${label}`} />;
  if (query.isError) {
    return (
      <Alert color="red" role="alert" title={`Could not load ${label}`}>
        {errorMessage(query.error)}
      </Alert>
    );
  }
  return <>{children()}</>;
}

/** A titled card; `id` labels the region. */
export function Section({ id, title, actions, children }: { readonly id: string; readonly title: string; readonly actions?: ReactNode; readonly children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 8 }}>
          <Title order={2} size="h4" id={id}>
            {title}
          </Title>
          {actions}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}
