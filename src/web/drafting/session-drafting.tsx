/**
 * The session page's drafting tools above the progress-note editor: "Draft from details"
 * (the form starts from this session's logistics and what is stable from the client's
 * previous session; never risk) and "Split raw notes" (paste, review each sentence, accept
 * into the two notes; sentences with 45 CFR 164.501-excluded content are locked to the
 * progress note by `SplitReview`). Both hand their result to the page, which owns the text.
 */
import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ProgressNoteFormat, SectionName } from '../../core/notes/formats.ts';
import type { ProgressNoteContent } from '../../core/notes/model.ts';
import { api, keys } from '../api/endpoints.ts';
import type { Session } from '../api/schemas.ts';
import { DraftFromDetails } from './draft-from-details.tsx';
import { draftDefaults, previousDetails, previousSession } from './last-session.ts';
import { SplitReview, type SplitAccepted } from './split-review.tsx';

/** Where accepted progress sentences from a split go: the section for reported and observed data. */
export const SPLIT_TARGET: Readonly<Record<ProgressNoteFormat, SectionName>> = { soap: 'subjective', dap: 'data', birp: 'behavior', girp: 'response' };

export interface SessionDraftingProps {
  readonly clientId: string;
  readonly session: Session;
  readonly format: ProgressNoteFormat;
  readonly chartDiagnoses: ReadonlyArray<{ code: string; description?: string | undefined }>;
  /** The editor already has section text (using a draft replaces it). */
  readonly editorHasText: boolean;
  /** The vault is open, so the private part of a split can be kept. */
  readonly privateAvailable: boolean;
  readonly onUseDraft: (note: ProgressNoteContent) => void;
  readonly onAcceptSplit: (result: SplitAccepted) => void;
}

type Mode = 'closed' | 'draft' | 'split';

/** Loads the previous session's note and the measures, then shows the form. */
function DraftLoader({ clientId, session, format, chartDiagnoses, onUseDraft }: Pick<SessionDraftingProps, 'clientId' | 'session' | 'format' | 'chartDiagnoses' | 'onUseDraft'>) {
  const sessions = useQuery({ queryKey: keys.sessions(clientId), queryFn: () => api.sessions(clientId) });
  const measures = useQuery({ queryKey: keys.measures(clientId), queryFn: () => api.measures(clientId) });
  const goals = useQuery({ queryKey: keys.goals(clientId), queryFn: () => api.goals(clientId) });
  const prev = sessions.data ? previousSession(sessions.data, session) : undefined;
  const prevNote = useQuery({
    queryKey: ['previous-session-note', prev?.id ?? 'none'],
    enabled: sessions.isSuccess,
    queryFn: async () => {
      if (!prev) return null;
      const row = (await api.chartNotes(clientId)).rows.find((r) => r.sessionId === prev.id);
      // A colleague's unsigned draft is not readable; carry nothing from it.
      return row ? api.note(row.id).then((n) => n.content, () => null) : null;
    },
  });
  if (sessions.isPending || measures.isPending || goals.isPending || prevNote.isPending) return <Text c="dimmed">Loading the previous session…</Text>;
  const previous = prev ? previousDetails(prev, prevNote.data ?? null, measures.data ?? []) : null;
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed" data-testid="draft-defaults-source">
        {prev ? `Started from this session's logistics and the session of ${prev.logistics.date} (codes, place, diagnoses, goals, baselines). Risk is never carried over.` : "Started from this session's logistics; there is no earlier session."}
      </Text>
      <DraftFromDetails defaults={draftDefaults(session, previous, format, chartDiagnoses, (goals.data ?? []).filter((g) => g.status === 'active').map((g) => g.description))} onUseDraft={onUseDraft} />
    </Stack>
  );
}

export function SessionDrafting(props: SessionDraftingProps) {
  const [mode, setMode] = useState<Mode>('closed');
  const [notice, setNotice] = useState<string | null>(null);
  const toggle = (m: Mode): void => {
    setNotice(null);
    setMode((cur) => (cur === m ? 'closed' : m));
  };
  return (
    <Paper withBorder p="sm" component="section" aria-label="Drafting tools">
      <Stack gap="sm">
        <Group gap="sm">
          <Button variant={mode === 'draft' ? 'filled' : 'light'} aria-pressed={mode === 'draft'} onClick={() => toggle('draft')}>
            Draft from details
          </Button>
          <Button variant={mode === 'split' ? 'filled' : 'light'} aria-pressed={mode === 'split'} onClick={() => toggle('split')}>
            Split raw notes
          </Button>
        </Group>
        {notice && (
          <Alert color="teal" role="status">
            {notice}
          </Alert>
        )}
        {mode !== 'closed' && props.editorHasText && (
          <Text size="sm" c="orange.9">
            {mode === 'draft' ? 'Using the draft replaces the text now in the editor (earlier versions stay in the note history).' : 'Accepted sentences are added after the text already in the notes.'}
          </Text>
        )}
        {mode === 'draft' && (
          <DraftLoader
            {...props}
            onUseDraft={(note) => {
              props.onUseDraft(note);
              setMode('closed');
              setNotice('The draft is in the progress-note editor below. Review it, then sign.');
            }}
          />
        )}
        {mode === 'split' &&
          (props.privateAvailable ? (
            <SplitReview
              onAccept={(r) => {
                props.onAcceptSplit(r);
                setMode('closed');
                setNotice('Accepted: the progress sentences are in the progress note and the rest in your psychotherapy note.');
              }}
            />
          ) : (
            <Alert color="grape" title="Psychotherapy notes are locked">
              Splitting needs your private-note key, which is unlocked with your password at sign-in. Sign out and in again to split raw notes.
            </Alert>
          ))}
      </Stack>
    </Paper>
  );
}
