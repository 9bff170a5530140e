/**
 * The client's consent to language-model assistance, on the chart: the current state, who
 * recorded it and when, the history, and record / revoke. Shown to the client's clinician
 * and to admins (the server answers 404 to anyone else, and the card then stays away).
 * Notewall policy: a draft is sent to a model only while consent is in force, and only
 * through the disclosure gate; psychotherapy notes never are.
 */
import { Alert, Badge, Button, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, errorMessage } from '../api/client.ts';
import { api, keys } from '../api/endpoints.ts';
import { formatWhen, Section } from '../pages/common.tsx';

export function AiConsentCard({ clientId }: { readonly clientId: string }) {
  const queryClient = useQueryClient();
  const consent = useQuery({ queryKey: keys.aiConsent(clientId), queryFn: () => api.aiConsent(clientId), retry: false });
  const [note, setNote] = useState('');
  const change = useMutation({
    mutationFn: (granted: boolean) => api.setAiConsent(clientId, note.trim() ? { granted, note: note.trim() } : { granted }),
    onSuccess: (state) => {
      setNote('');
      queryClient.setQueryData(keys.aiConsent(clientId), state);
    },
  });
  if (consent.isError && consent.error instanceof ApiError && consent.error.status === 404) return null;
  const data = consent.data;
  return (
    <Section
      id="chart-ai-consent"
      title="AI assistance consent"
      actions={
        data && (
          <Badge color={data.granted ? 'teal' : 'gray'} variant="light" style={{ textTransform: 'none' }}>
            {data.granted ? 'Consent in force' : 'No consent'}
          </Badge>
        )
      }
    >
      {consent.isPending && <Text c="dimmed">Loading…</Text>}
      {consent.isError && (
        <Alert color="red" role="alert">
          {errorMessage(consent.error)}
        </Alert>
      )}
      {data && (
        <Stack gap="xs">
          <Text size="sm">
            {data.current
              ? `${data.current.status === 'granted' ? 'Recorded' : 'Revoked'} ${formatWhen(data.current.recordedAt)} by ${data.current.recordedByName ?? data.current.recordedBy}${data.current.note ? ` (${data.current.note})` : ''}.`
              : 'Never recorded. Drafts for this client are not sent to a language model.'}
          </Text>
          {!data.modelConfigured && (
            <Text size="sm" c="dimmed">
              This server has no language model configured, so nothing is sent either way.
            </Text>
          )}
          <TextInput label="How consent was given or withdrawn (optional)" value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={1000} />
          <Group gap="sm">
            <Button size="compact-sm" onClick={() => change.mutate(true)} loading={change.isPending && change.variables}>
              {data.granted ? 'Record renewed consent' : 'Record consent'}
            </Button>
            {data.granted && (
              <Button size="compact-sm" color="red" variant="light" onClick={() => change.mutate(false)} loading={change.isPending && !change.variables}>
                Revoke consent
              </Button>
            )}
          </Group>
          {change.isError && (
            <Text role="alert" c="red.9" size="sm">
              Not changed: {errorMessage(change.error)}
            </Text>
          )}
          {data.history.length > 1 && (
            <details>
              <summary style={{ cursor: 'pointer', fontSize: 'var(--mantine-font-size-sm)' }}>History ({data.history.length})</summary>
              <List size="sm" mt={4}>
                {data.history.map((h, i) => (
                  <List.Item key={i}>
                    {h.status === 'granted' ? 'Recorded' : 'Revoked'} {formatWhen(h.recordedAt)} by {h.recordedByName ?? h.recordedBy}
                    {h.note ? ` (${h.note})` : ''}
                  </List.Item>
                ))}
              </List>
            </details>
          )}
        </Stack>
      )}
    </Section>
  );
}
