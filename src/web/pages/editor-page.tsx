/**
 * The session page, before the server exists: the progress-note editor with the private
 * psychotherapy note beside it, on an in-memory draft only. It says plainly that nothing is
 * saved. Wiring (issue 4): load the session and notes with TanStack Query, autosave with a
 * mutation, and set `saveState` from it.
 */
import { Alert, Grid, Stack } from '@mantine/core';
import { useState } from 'react';
import { appendToSection, emptyProgressNote } from '../editor/editor-model.ts';
import { ProgressNoteEditor } from '../editor/progress-note-editor.tsx';
import { PsychotherapyNotePanel } from '../editor/psychotherapy-note-panel.tsx';

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** In-memory session page (lazy chunk: carries the linter). */
export default function EditorPage() {
  const [note, setNote] = useState(() =>
    emptyProgressNote('soap', { date: today(), cptCodes: [], modality: 'individual', participants: [], placeOfService: 'office' }),
  );
  const [privateNote, setPrivateNote] = useState('');
  const [signed, setSigned] = useState(false);
  return (
    <Stack gap="md">
      <Alert color="blue" title="Not connected">
        This draft lives only in this browser tab and is not saved. Closing the tab discards it.
      </Alert>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, xl: 8 }}>
          <ProgressNoteEditor
            value={note}
            onChange={setNote}
            onSign={() => setSigned(true)}
            status={signed ? 'signed' : 'draft'}
            saveState={{ kind: 'failed', message: 'No server connection: nothing is saved.' }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, xl: 4 }}>
          <PsychotherapyNotePanel
            value={privateNote}
            onChange={setPrivateNote}
            progressFormat={note.format}
            onMoveToProgress={(sentence, section) => setNote((n) => appendToSection(n, section, sentence))}
          />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
