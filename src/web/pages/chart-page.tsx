/**
 * The client chart: sessions (and a new one), progress notes (signed, drafts, addenda
 * count), diagnoses with ICD-10-CM search, treatment goals, measures with trend charts,
 * and for admins the clinician assignments. Which sections load depends on the role; the
 * server answers 404 for anything the user may not see (45 CFR 164.502(b)).
 */
import { Alert, Anchor, Badge, Button, Grid, Group, NativeSelect, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { behavioralIcd10Lookup } from '../../core/codes/icd10.ts';
import { INSTRUMENTS, type InstrumentId } from '../../core/measures/index.ts';
import { SESSION_MODALITIES, PLACES_OF_SERVICE, type PlaceOfService, type SessionModality } from '../../core/notes/model.ts';
import { ApiError, errorMessage } from '../api/client.ts';
import { api, keys } from '../api/endpoints.ts';
import type { Role } from '../api/schemas.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { MeasureTrendChart } from '../measures/measure-trend-chart.tsx';
import { href } from '../router.ts';
import { AiConsentCard } from '../drafting/ai-consent-card.tsx';
import { QueryState, Section, todayIso } from './common.tsx';

const READERS: readonly Role[] = ['clinician', 'supervisor', 'records'];

function NewSessionForm({ clientId }: { readonly clientId: string }) {
  const queryClient = useQueryClient();
  const [date, setDate] = useState(todayIso);
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [modality, setModality] = useState<SessionModality>('individual');
  const [place, setPlace] = useState<PlaceOfService>('office');
  const [cpt, setCpt] = useState('');
  const create = useMutation({
    mutationFn: () =>
      api.createSession(clientId, {
        date,
        ...(start ? { start } : {}),
        ...(end ? { end } : {}),
        modality,
        placeOfService: place,
        cptCodes: cpt.split(/[\s,]+/).filter(Boolean),
        participants: [{ role: 'client' }],
      }),
    onSuccess: (s) => {
      void queryClient.invalidateQueries({ queryKey: keys.sessions(clientId) });
      window.location.hash = href.session(clientId, s.id);
    },
  });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="New session">
      <Stack gap="xs">
        {create.isError && (
          <Alert color="red" role="alert" title="Session not recorded">
            {errorMessage(create.error)}
          </Alert>
        )}
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput type="date" label="Session date" value={date} onChange={(e) => setDate(e.currentTarget.value)} required />
          <TextInput type="time" label="Start time" value={start} onChange={(e) => setStart(e.currentTarget.value)} />
          <TextInput type="time" label="End time" value={end} onChange={(e) => setEnd(e.currentTarget.value)} />
          <NativeSelect label="Session modality" value={modality} onChange={(e) => setModality(e.currentTarget.value as SessionModality)} data={[...SESSION_MODALITIES]} />
          <NativeSelect label="Place" value={place} onChange={(e) => setPlace(e.currentTarget.value as PlaceOfService)} data={[...PLACES_OF_SERVICE]} />
          <TextInput label="CPT" placeholder="90834" value={cpt} onChange={(e) => setCpt(e.currentTarget.value)} w="7rem" />
          <Button type="submit" loading={create.isPending}>
            Start session
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Diagnoses({ clientId, canAdd }: { readonly clientId: string; readonly canAdd: boolean }) {
  const queryClient = useQueryClient();
  const diagnoses = useQuery({ queryKey: keys.diagnoses(clientId), queryFn: () => api.diagnoses(clientId) });
  const [query, setQuery] = useState('');
  const lookup = behavioralIcd10Lookup();
  const results = useMemo(() => (query.trim().length < 2 ? [] : lookup.search(query, 8)), [lookup, query]);
  const add = useMutation({
    mutationFn: (d: { code: string; description: string }) => api.addDiagnosis(clientId, d),
    onSuccess: () => {
      setQuery('');
      void queryClient.invalidateQueries({ queryKey: keys.diagnoses(clientId) });
    },
  });
  return (
    <Section id="chart-diagnoses" title="Diagnoses">
      <QueryState query={diagnoses} label="diagnoses">
        {() =>
          diagnoses.data!.length === 0 ? (
            <Text c="dimmed">No diagnosis recorded.</Text>
          ) : (
            <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {diagnoses.data!.map((d) => (
                <li key={d.id}>
                  <Text span fw={600}>
                    {d.code}
                  </Text>{' '}
                  {d.description ?? ''}
                </li>
              ))}
            </Stack>
          )
        }
      </QueryState>
      {canAdd && (
        <Stack gap={4}>
          <TextInput
            label={`Search ICD-10-CM (${lookup.version})`}
            description="A code (F41) or words of the title (gen anx); billable codes only"
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            type="search"
            autoComplete="off"
          />
          {add.isError && (
            <Text c="red.9" role="alert" size="sm">
              Not added: {errorMessage(add.error)}
            </Text>
          )}
          <ul aria-label="ICD-10-CM results" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {results.map((r) => (
              <li key={r.code}>
                <UnstyledButton
                  className="icd-result"
                  disabled={!r.billable || add.isPending}
                  onClick={() => add.mutate({ code: r.code, description: r.title })}
                  style={{ display: 'block', width: '100%', padding: '4px 6px', borderRadius: 4 }}
                  aria-label={`Add ${r.code} ${r.title}${r.billable ? '' : ' (category, not billable)'}`}
                >
                  <Text span fw={600} size="sm" mr={6}>
                    {r.code}
                  </Text>
                  <Text span size="sm">
                    {r.title}
                  </Text>
                  {!r.billable && (
                    <Text span size="xs" c="orange.9" ml={6}>
                      (category: choose a more specific code)
                    </Text>
                  )}
                </UnstyledButton>
              </li>
            ))}
          </ul>
        </Stack>
      )}
    </Section>
  );
}

function Goals({ clientId, canAdd }: { readonly clientId: string; readonly canAdd: boolean }) {
  const queryClient = useQueryClient();
  const goals = useQuery({ queryKey: keys.goals(clientId), queryFn: () => api.goals(clientId) });
  const [description, setDescription] = useState('');
  const [targetDate, setTargetDate] = useState('');
  const add = useMutation({
    mutationFn: () => api.addGoal(clientId, { description: description.trim(), ...(targetDate ? { targetDate } : {}) }),
    onSuccess: () => {
      setDescription('');
      setTargetDate('');
      void queryClient.invalidateQueries({ queryKey: keys.goals(clientId) });
    },
  });
  return (
    <Section id="chart-goals" title="Treatment goals">
      <QueryState query={goals} label="goals">
        {() =>
          goals.data!.length === 0 ? (
            <Text c="dimmed">No goals yet.</Text>
          ) : (
            <Stack gap={4} component="ol" style={{ margin: 0, paddingLeft: '1.2rem' }}>
              {goals.data!.map((g) => (
                <li key={g.id}>
                  <Text span style={{ overflowWrap: 'anywhere' }}>
                    {g.description}
                  </Text>{' '}
                  <Badge variant="light" size="sm">
                    {g.status}
                  </Badge>
                  {g.targetDate && (
                    <Text span size="sm" c="dimmed">
                      {' '}
                      by {g.targetDate}
                    </Text>
                  )}
                </li>
              ))}
            </Stack>
          )
        }
      </QueryState>
      {canAdd && (
        <form
          aria-label="New goal"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <Group gap="sm" align="flex-end" wrap="wrap">
            <TextInput label="Goal" value={description} onChange={(e) => setDescription(e.currentTarget.value)} required style={{ flex: '1 1 16rem' }} />
            <TextInput label="Target date" type="date" value={targetDate} onChange={(e) => setTargetDate(e.currentTarget.value)} />
            <Button type="submit" variant="light" loading={add.isPending}>
              Add goal
            </Button>
          </Group>
          {add.isError && (
            <Text c="red.9" role="alert" size="sm">
              Not added: {errorMessage(add.error)}
            </Text>
          )}
        </form>
      )}
    </Section>
  );
}

function Measures({ clientId }: { readonly clientId: string }) {
  const measures = useQuery({ queryKey: keys.measures(clientId), queryFn: () => api.measures(clientId) });
  return (
    <Section id="chart-measures" title="Measures">
      <QueryState query={measures} label="measures">
        {() => {
          const byInstrument = new Map<InstrumentId, { date: string; total: number }[]>();
          for (const m of measures.data!) {
            const list = byInstrument.get(m.instrument) ?? [];
            list.push({ date: m.administeredOn, total: m.result.total });
            byInstrument.set(m.instrument, list);
          }
          if (byInstrument.size === 0) return <Text c="dimmed">No measures yet. Enter them on a session page.</Text>;
          return (
            <Stack gap="lg">
              {[...byInstrument.entries()].map(([instrument, points]) => (
                <div key={instrument} data-testid={`trend-${instrument}`}>
                  <Title order={3} size="h5">
                    {INSTRUMENTS[instrument].displayName}
                  </Title>
                  <MeasureTrendChart instrument={instrument} points={points} />
                </div>
              ))}
            </Stack>
          );
        }}
      </QueryState>
    </Section>
  );
}

function Assignments({ clientId }: { readonly clientId: string }) {
  const users = useQuery({ queryKey: keys.users, queryFn: api.users });
  const [userId, setUserId] = useState('');
  const [relation, setRelation] = useState<'clinician' | 'supervisor'>('clinician');
  const [done, setDone] = useState<string | null>(null);
  const assign = useMutation({
    mutationFn: () => api.assign(clientId, { userId, relation }),
    onSuccess: () => setDone(`${users.data?.find((u) => u.id === userId)?.displayName ?? 'User'} assigned as ${relation}.`),
  });
  const eligible = (users.data ?? []).filter((u) => u.roles.includes(relation));
  return (
    <Section id="chart-assign" title="Assign clinicians">
      <QueryState query={users} label="users">
        {() => (
          <form
            aria-label="Assign a clinician"
            onSubmit={(e) => {
              e.preventDefault();
              setDone(null);
              assign.mutate();
            }}
          >
            <Group gap="sm" align="flex-end" wrap="wrap">
              <NativeSelect label="As" value={relation} onChange={(e) => setRelation(e.currentTarget.value as 'clinician' | 'supervisor')} data={['clinician', 'supervisor']} />
              <NativeSelect
                label="User"
                value={userId}
                onChange={(e) => setUserId(e.currentTarget.value)}
                data={[{ value: '', label: 'Choose…' }, ...eligible.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))]}
                required
              />
              <Button type="submit" disabled={userId === ''} loading={assign.isPending}>
                Assign
              </Button>
            </Group>
            {done && (
              <Text role="status" size="sm" mt={4}>
                {done}
              </Text>
            )}
            {assign.isError && (
              <Text role="alert" c="red.9" size="sm" mt={4}>
                Not assigned: {errorMessage(assign.error)}
              </Text>
            )}
          </form>
        )}
      </QueryState>
    </Section>
  );
}

export default function ChartPage({ clientId }: { readonly clientId: string }) {
  const auth = useAuth();
  const roles = auth.session?.user.roles ?? [];
  const reader = roles.some((r) => READERS.includes(r));
  const clinician = roles.includes('clinician');
  const client = useQuery({ queryKey: keys.client(clientId), queryFn: () => api.client(clientId), retry: false });
  const sessions = useQuery({ queryKey: keys.sessions(clientId), queryFn: () => api.sessions(clientId), enabled: reader && client.isSuccess });
  const notes = useQuery({ queryKey: keys.chartNotes(clientId), queryFn: () => api.chartNotes(clientId), enabled: reader && client.isSuccess });

  if (client.isError) {
    const notFound = client.error instanceof ApiError && client.error.status === 404;
    return (
      <Stack gap="md">
        <Title order={1} size="h2">
          Client chart
        </Title>
        <Alert color={notFound ? 'gray' : 'red'} role="alert" title={notFound ? 'No such client' : 'Could not load the chart'}>
          {notFound ? 'There is no client here that you may see.' : errorMessage(client.error)} <Anchor href={href.clients()}>Back to clients</Anchor>
        </Alert>
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <QueryState query={client} label="the client">
        {() => (
          <div>
            <Title order={1} size="h2">
              {client.data!.displayName}
            </Title>
            <Text c="dimmed" size="sm">
              {client.data!.dateOfBirth ? `Born ${client.data!.dateOfBirth}` : 'Date of birth not recorded'}
              {client.data!.externalRef ? ` · Ref ${client.data!.externalRef}` : ''}
            </Text>
          </div>
        )}
      </QueryState>
      {client.isSuccess && reader && (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack gap="md">
              <Section id="chart-sessions" title="Sessions">
                {clinician && <NewSessionForm clientId={clientId} />}
                <QueryState query={sessions} label="sessions">
                  {() =>
                    sessions.data!.length === 0 ? (
                      <Text c="dimmed">No sessions yet.</Text>
                    ) : (
                      <Table.ScrollContainer minWidth={360}>
                        <Table aria-label="Sessions">
                          <Table.Thead>
                            <Table.Tr>
                              <Table.Th scope="col">Date</Table.Th>
                              <Table.Th scope="col">Time</Table.Th>
                              <Table.Th scope="col">Modality</Table.Th>
                            </Table.Tr>
                          </Table.Thead>
                          <Table.Tbody>
                            {sessions.data!.map((s) => (
                              <Table.Tr key={s.id}>
                                <Table.Td>
                                  <Anchor href={href.session(clientId, s.id)}>Session {s.logistics.date}</Anchor>
                                </Table.Td>
                                <Table.Td>{s.logistics.start ? `${s.logistics.start}–${s.logistics.end ?? ''}` : '—'}</Table.Td>
                                <Table.Td>{s.logistics.modality}</Table.Td>
                              </Table.Tr>
                            ))}
                          </Table.Tbody>
                        </Table>
                      </Table.ScrollContainer>
                    )
                  }
                </QueryState>
              </Section>
              <Section id="chart-notes" title="Progress notes">
                <QueryState query={notes} label="notes">
                  {() =>
                    notes.data!.rows.length === 0 ? (
                      <Text c="dimmed">No progress notes yet.</Text>
                    ) : (
                      <Table aria-label="Progress notes">
                        <Table.Thead>
                          <Table.Tr>
                            <Table.Th scope="col">Session date</Table.Th>
                            <Table.Th scope="col">Format</Table.Th>
                            <Table.Th scope="col">Status</Table.Th>
                          </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                          {notes.data!.rows.map((n) => (
                            <Table.Tr key={n.id}>
                              <Table.Td>{n.sessionId ? <Anchor href={href.session(clientId, n.sessionId)}>{n.sessionDate}</Anchor> : n.sessionDate}</Table.Td>
                              <Table.Td>{n.format.toUpperCase()}</Table.Td>
                              <Table.Td>
                                <Badge color={n.status === 'signed' ? 'teal' : 'orange'} variant="light">
                                  {n.status === 'signed' ? 'Signed' : 'Draft'}
                                </Badge>
                              </Table.Td>
                            </Table.Tr>
                          ))}
                        </Table.Tbody>
                      </Table>
                    )
                  }
                </QueryState>
              </Section>
              <Goals clientId={clientId} canAdd={clinician} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack gap="md">
              <Diagnoses clientId={clientId} canAdd={clinician} />
              {clinician && <AiConsentCard clientId={clientId} />}
              <Measures clientId={clientId} />
            </Stack>
          </Grid.Col>
        </Grid>
      )}
      {client.isSuccess && roles.includes('admin') && <Assignments clientId={clientId} />}
      {client.isSuccess && roles.includes('admin') && !clinician && <AiConsentCard clientId={clientId} />}
    </Stack>
  );
}
