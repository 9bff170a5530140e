/**
 * The session page: the progress note in the chosen format with live lint, signing with
 * the server's re-check (an override needs a reason), addenda, supervisor co-sign; the
 * private psychotherapy note beside it with "move to progress note"; and measure entry.
 *
 * The page owns every piece of text and autosaves it; the server's copy never overwrites
 * what the user is typing. A failed save says so and keeps the text; when the session
 * ends, the text stays on screen and is saved after signing in again.
 */
import { Alert, Anchor, Badge, Button, Grid, Group, List, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { INSTRUMENTS, INSTRUMENT_IDS, type InstrumentId } from '../../core/measures/index.ts';
import { ProgressNoteContent } from '../../core/notes/model.ts';
import { renderProgressNote } from '../../core/notes/render.ts';
import { ApiError, errorMessage } from '../api/client.ts';
import { api, keys } from '../api/endpoints.ts';
import type { Finding, ProgressNote, Session } from '../api/schemas.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { appendToSection, emptyProgressNote } from '../editor/editor-model.ts';
import { ProgressNoteEditor } from '../editor/progress-note-editor.tsx';
import { PsychotherapyNotePanel } from '../editor/psychotherapy-note-panel.tsx';
import { MeasureEntry, scoreIfComplete } from '../measures/measure-entry.tsx';
import { PolishPanel } from '../drafting/polish-panel.tsx';
import { SessionDrafting, SPLIT_TARGET } from '../drafting/session-drafting.tsx';
import { MeasureTrendChart } from '../measures/measure-trend-chart.tsx';
import { href } from '../router.ts';
import { QueryState, Section, formatWhen } from './common.tsx';
import { useAutosave } from './use-autosave.ts';

/** The progress note recorded for a session, if any (chart rows carry their session id). */
async function findSessionNote(clientId: string, session: Session): Promise<ProgressNote | null> {
  const page = await api.chartNotes(clientId);
  const row = page.rows.find((r) => r.sessionId === session.id);
  return row ? api.note(row.id) : null;
}

function schemaProblem(c: ProgressNoteContent): string | null {
  const r = ProgressNoteContent.safeParse(c);
  if (r.success) return null;
  const i = r.error.issues[0];
  return i ? `${i.path.join('.') || 'note'} ${i.message}` : 'the note is incomplete';
}

interface WorkspaceProps {
  readonly clientId: string;
  readonly clientName: string;
  readonly session: Session;
  readonly initialNote: ProgressNote | null;
  readonly initialPrivate: { id: string; body: string } | null;
  /** The chart's diagnoses, copied into a new note (the clinician can change them). */
  readonly chartDiagnoses: ReadonlyArray<{ code: string; description?: string | undefined }>;
  readonly showPrivate: boolean;
}

function Workspace({ clientId, session, initialNote, initialPrivate, chartDiagnoses, showPrivate }: WorkspaceProps) {
  const auth = useAuth();
  const queryClient = useQueryClient();
  const me = auth.session!.user;
  const isClinician = me.roles.includes('clinician');
  const [note, setNote] = useState<ProgressNote | null>(initialNote);
  const noteRef = useRef(note);
  noteRef.current = note;
  const [content, setContent] = useState<ProgressNoteContent>(
    () => initialNote?.content ?? { ...emptyProgressNote('soap', session.logistics), diagnoses: chartDiagnoses.map((d) => ({ ...d })) },
  );
  const [addendumDraft, setAddendumDraft] = useState('');
  const [privateText, setPrivateText] = useState(initialPrivate?.body ?? '');
  const privateId = useRef(initialPrivate?.id ?? null);
  const [signError, setSignError] = useState<{ message: string; findings: readonly Finding[] } | null>(null);

  const mine = note === null ? isClinician : note.authorId === me.id;
  const editable = mine && isClinician && (note === null || note.status === 'draft');

  const progress = useAutosave(
    content,
    async (c) => {
      const current = noteRef.current;
      const saved = current ? await api.updateNote(current.id, current.version, c) : await api.createNote(clientId, session.id, c);
      noteRef.current = saved;
      setNote(saved);
    },
    { resumeCount: auth.resumeCount, validate: schemaProblem, enabled: editable && auth.status === 'signed-in' },
  );

  const vaultOpen = auth.session?.vaultUnlocked ?? false;
  const privateSave = useAutosave(
    privateText,
    async (body) => {
      const c = { sessionDate: session.logistics.date, body };
      if (privateId.current) await api.updatePsychotherapyNote(privateId.current, c);
      else privateId.current = (await api.createPsychotherapyNote(clientId, c)).id;
    },
    { resumeCount: auth.resumeCount, enabled: showPrivate && vaultOpen && auth.status === 'signed-in' },
  );

  // What the expired banner shows: only text the server does not have.
  const unsavedRef = useRef('');
  unsavedRef.current = [
    progress.dirty ? renderProgressNote(content).text : '',
    privateSave.dirty ? `Psychotherapy note (private):\n${privateText}` : '',
    addendumDraft ? `Addendum:\n${addendumDraft}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  const { registerUnsaved } = auth;
  useEffect(() => registerUnsaved('session-page', () => unsavedRef.current), [registerUnsaved]);

  // Leaving the page with unsaved text asks first.
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent): void => {
      if (unsavedRef.current !== '') e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  const afterNoteChange = (): void => {
    void queryClient.invalidateQueries({ queryKey: keys.chartNotes(clientId) });
    void queryClient.invalidateQueries({ queryKey: keys.home });
  };

  const sign = async (overrideReason?: string): Promise<void> => {
    setSignError(null);
    try {
      await progress.flush();
      let current = noteRef.current;
      if (!current) {
        current = await api.createNote(clientId, session.id, content);
        noteRef.current = current;
      }
      const result = await api.signNote(current.id, current.version, overrideReason);
      setNote(result.note);
      afterNoteChange();
    } catch (err) {
      const findings =
        err instanceof ApiError && err.code === 'lint-blocked' && typeof err.details === 'object' && err.details !== null && 'findings' in err.details
          ? ((err.details as { findings: Finding[] }).findings ?? [])
          : [];
      setSignError({ message: errorMessage(err), findings });
    }
  };

  const aiConsent = useQuery({ queryKey: keys.aiConsent(clientId), queryFn: () => api.aiConsent(clientId), enabled: editable, retry: false });
  /** Saves what is in the editor and returns the note's id (creating the note if needed), for the model to rephrase. */
  const savedNoteId = async (): Promise<string> => {
    await progress.flush();
    let current = noteRef.current;
    if (!current) {
      current = await api.createNote(clientId, session.id, content);
      noteRef.current = current;
      setNote(current);
    }
    return current.id;
  };
  const editorHasText = Object.values(content.sections).some((v) => (v ?? '').trim() !== '');

  const cosign = useMutation({
    mutationFn: () => api.cosign(note!.id),
    onSuccess: (n) => {
      setNote(n);
      afterNoteChange();
    },
  });

  const addenda = (note?.addenda ?? []).map((a) => ({ at: formatWhen(a.signedAt), author: a.authorId === me.id ? 'You' : `Clinician ${a.authorId.slice(0, 8)}`, text: a.body }));
  const canCosign =
    me.roles.includes('supervisor') && note?.status === 'signed' && note.authorId !== me.id && !note.signatures.some((s) => s.kind === 'cosign');

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, xl: showPrivate ? 8 : 12 }}>
        <Stack gap="md">
          {signError && (
            <Alert color="red" role="alert" title="Not signed">
              <Text size="sm">{signError.message}</Text>
              {signError.findings.length > 0 && (
                <List size="sm" mt={4}>
                  {signError.findings.map((f, i) => (
                    <List.Item key={i}>
                      {f.message} ({f.citation})
                    </List.Item>
                  ))}
                </List>
              )}
            </Alert>
          )}
          {note && note.status === 'draft' && !mine ? (
            <Alert color="gray" title="Draft in progress">
              The author has not signed this progress note yet; drafts are visible to their author only.
            </Alert>
          ) : note === null && !isClinician ? (
            <Text c="dimmed">No progress note for this session yet.</Text>
          ) : (
            <Stack gap="md">
              {editable && (
                <SessionDrafting
                  clientId={clientId}
                  session={session}
                  format={content.format}
                  chartDiagnoses={chartDiagnoses}
                  editorHasText={editorHasText}
                  privateAvailable={showPrivate && vaultOpen}
                  onUseDraft={(drafted) => setContent(drafted)}
                  onAcceptSplit={(r) => {
                    if (r.progress.trim() !== '') setContent((c) => appendToSection(c, SPLIT_TARGET[c.format], r.progress));
                    if (r.psychotherapy.trim() !== '') setPrivateText((t) => (t.trim() === '' ? r.psychotherapy : `${t}\n${r.psychotherapy}`));
                  }}
                />
              )}
              <ProgressNoteEditor
                value={content}
                onChange={setContent}
                onSign={(reason) => void sign(reason)}
                status={note?.status ?? 'draft'}
                saveState={progress.saveState}
                addenda={addenda}
                onAddAddendum={
                  mine && isClinician
                    ? async (body) => {
                        await api.addAddendum(note!.id, body);
                        setNote(await api.note(note!.id));
                      }
                    : undefined
                }
                addendumDraft={addendumDraft}
                onAddendumDraftChange={setAddendumDraft}
              />
              {editable && aiConsent.data?.modelConfigured && (
                <PolishPanel
                  consented={aiConsent.data.granted}
                  prepare={savedNoteId}
                  polish={(id) => api.polishNote(id)}
                  sectionsKey={JSON.stringify(content.sections)}
                  onAccept={(sections) => setContent((c) => ({ ...c, sections: { ...c.sections, ...sections } }))}
                />
              )}
            </Stack>
          )}
          {note?.status === 'signed' && (
            <Group gap="xs">
              {note.signatures.map((s, i) => (
                <Badge key={i} variant="light" color={s.kind === 'cosign' ? 'blue' : 'teal'}>
                  {s.kind === 'cosign' ? 'Co-signed' : 'Signed'} {formatWhen(s.signedAt)}
                </Badge>
              ))}
              {canCosign && (
                <Button onClick={() => cosign.mutate()} loading={cosign.isPending}>
                  Co-sign as supervisor
                </Button>
              )}
              {cosign.isError && (
                <Text role="alert" c="red.9" size="sm">
                  Not co-signed: {errorMessage(cosign.error)}
                </Text>
              )}
            </Group>
          )}
        </Stack>
      </Grid.Col>
      {showPrivate && (
        <Grid.Col span={{ base: 12, xl: 4 }}>
          {vaultOpen ? (
            <PsychotherapyNotePanel
              value={privateText}
              onChange={setPrivateText}
              progressFormat={content.format}
              saveState={privateSave.saveState}
              onMoveToProgress={(sentence, section) => {
                if (noteRef.current?.status === 'signed') {
                  // A signed note never changes (ARCHITECTURE.md invariant 4): the sentence goes to an addendum.
                  setAddendumDraft((d) => (d.trim() === '' ? sentence : `${d}\n${sentence}`));
                } else {
                  setContent((c) => appendToSection(c, section, sentence));
                }
              }}
            />
          ) : (
            <Alert color="grape" title="Psychotherapy notes are locked">
              Your private-note key is unlocked with your password at sign-in. Sign out and in again to write psychotherapy notes.
            </Alert>
          )}
        </Grid.Col>
      )}
    </Grid>
  );
}

function MeasuresPanel({ clientId, session }: { readonly clientId: string; readonly session: Session }) {
  const queryClient = useQueryClient();
  const [instrument, setInstrument] = useState<InstrumentId>('phq9');
  const [answers, setAnswers] = useState<Array<number | undefined>>([]);
  const [followUp, setFollowUp] = useState<string | null>(null);
  const measures = useQuery({ queryKey: keys.measures(clientId), queryFn: () => api.measures(clientId) });
  const complete = scoreIfComplete(instrument, answers);
  const save = useMutation({
    mutationFn: () => api.addMeasure(clientId, { instrument, administeredOn: session.logistics.date, items: answers.map((a) => a ?? 0), sessionId: session.id }),
    onSuccess: () => {
      setAnswers([]);
      void queryClient.invalidateQueries({ queryKey: keys.measures(clientId) });
      void queryClient.invalidateQueries({ queryKey: keys.home });
    },
  });
  const points = (measures.data ?? []).filter((m) => m.instrument === instrument).map((m) => ({ date: m.administeredOn, total: m.result.total }));
  return (
    <Section id="session-measures" title="Measures">
      <NativeSelect
        label="Instrument"
        value={instrument}
        onChange={(e) => {
          setInstrument(e.currentTarget.value as InstrumentId);
          setAnswers([]);
        }}
        data={INSTRUMENT_IDS.map((id) => ({ value: id, label: INSTRUMENTS[id].displayName }))}
        maw="20rem"
      />
      <MeasureEntry
        instrument={instrument}
        value={answers}
        onChange={setAnswers}
        onItem9FollowUp={(a) =>
          setFollowUp(a === 'risk-assessment' ? 'Record the risk assessment in the progress note (Risk section).' : 'Review or create the safety plan, and record it in the progress note (Risk: safety plan).')
        }
      />
      {followUp && (
        <Alert color="orange" role="status">
          {followUp}
        </Alert>
      )}
      {save.isError && (
        <Alert color="red" role="alert" title="Measure not saved">
          {errorMessage(save.error)} The answers are kept.
        </Alert>
      )}
      {save.isSuccess && (
        <Text role="status" size="sm">
          Saved: {INSTRUMENTS[save.data.result.instrument].displayName} total {save.data.result.total}, {save.data.result.band.label}.{' '}
          <Anchor href={href.chart(clientId)}>See the chart</Anchor>
        </Text>
      )}
      <Group>
        <Button onClick={() => save.mutate()} disabled={!complete} loading={save.isPending}>
          Save {INSTRUMENTS[instrument].displayName}
        </Button>
      </Group>
      {points.length > 0 && <MeasureTrendChart instrument={instrument} points={points} />}
    </Section>
  );
}

export default function SessionPage({ clientId, sessionId }: { readonly clientId: string; readonly sessionId: string }) {
  const auth = useAuth();
  const roles = auth.session?.user.roles ?? [];
  const isClinician = roles.includes('clinician');
  const client = useQuery({ queryKey: keys.client(clientId), queryFn: () => api.client(clientId), retry: false });
  const sessions = useQuery({ queryKey: keys.sessions(clientId), queryFn: () => api.sessions(clientId), enabled: client.isSuccess });
  const session = sessions.data?.find((s) => s.id === sessionId);
  const note = useQuery({
    queryKey: ['session-note', sessionId],
    queryFn: () => findSessionNote(clientId, session!),
    enabled: session !== undefined,
    // The page owns the text once loaded; a refetch must not replace it.
    staleTime: Infinity,
    gcTime: 0,
  });
  const privateNotes = useQuery({
    queryKey: keys.psychotherapy(clientId),
    queryFn: () => api.psychotherapyNotes(clientId),
    enabled: isClinician && session !== undefined && (auth.session?.vaultUnlocked ?? false),
    staleTime: Infinity,
    gcTime: 0,
  });
  const diagnoses = useQuery({ queryKey: keys.diagnoses(clientId), queryFn: () => api.diagnoses(clientId), enabled: isClinician && client.isSuccess });
  const privateReady = !isClinician || !(auth.session?.vaultUnlocked ?? false) || privateNotes.isSuccess;
  const existingPrivate = privateNotes.data?.find((n) => n.content.sessionDate === session?.logistics.date) ?? null;

  return (
    <Stack gap="md">
      <Anchor href={href.chart(clientId)} size="sm">
        ← Back to the chart
      </Anchor>
      <QueryState query={client} label="the client">
        {() => (
          <QueryState query={sessions} label="the session">
            {() =>
              !session ? (
                <Alert color="gray" role="alert" title="No such session">
                  This session does not exist or you may not see it.
                </Alert>
              ) : (
                <Stack gap="md">
                  <Title order={1} size="h2">
                    Session · {client.data!.displayName} · {session.logistics.date}
                  </Title>
                  <QueryState query={note} label="the progress note">
                    {() =>
                      privateNotes.isError ? (
                        <Alert color="red" role="alert" title="Could not load your psychotherapy notes">
                          {errorMessage(privateNotes.error)}
                        </Alert>
                      ) : !privateReady || (isClinician && diagnoses.isPending) ? (
                        <Text c="dimmed">Loading…</Text>
                      ) : (
                        <Workspace
                          clientId={clientId}
                          clientName={client.data!.displayName}
                          session={session}
                          initialNote={note.data ?? null}
                          initialPrivate={existingPrivate ? { id: existingPrivate.id, body: existingPrivate.content.body } : null}
                          chartDiagnoses={(diagnoses.data ?? []).map((d) => (d.description ? { code: d.code, description: d.description } : { code: d.code }))}
                          showPrivate={isClinician}
                        />
                      )
                    }
                  </QueryState>
                  {isClinician && <MeasuresPanel clientId={clientId} session={session} />}
                </Stack>
              )
            }
          </QueryState>
        )}
      </QueryState>
    </Stack>
  );
}
