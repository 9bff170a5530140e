/**
 * Every component with synthetic props, for screenshots and eyeballing
 * (`#/gallery` shows all; `#/gallery/<id>` one section). All data here is invented.
 */
import { Anchor, Button, Divider, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { AuditLogTable, type AuditRow } from '../admin/audit-log-table.tsx';
import { UsersTable, type UserRow } from '../admin/users-table.tsx';
import { IdleWarning } from '../components/idle-warning.tsx';
import { SessionExpiredBanner } from '../components/session-expired-banner.tsx';
import { carryForward } from '../drafting/draft-form.ts';
import { DraftFromDetails } from '../drafting/draft-from-details.tsx';
import { SplitReview } from '../drafting/split-review.tsx';
import { appendToSection } from '../editor/editor-model.ts';
import { ProgressNoteEditor } from '../editor/progress-note-editor.tsx';
import { PsychotherapyNotePanel } from '../editor/psychotherapy-note-panel.tsx';
import { MeasureEntry } from '../measures/measure-entry.tsx';
import { MeasureTrendChart } from '../measures/measure-trend-chart.tsx';
import { cleanSoapNote, noteWithProblems, SYNTHETIC_PRIVATE_NOTE, SYNTHETIC_RAW_NOTES } from './synthetic.ts';

const AUDIT_ROWS: AuditRow[] = [
  { seq: 1, at: '2026-03-13T09:00:00.000Z', actorId: 'u-admin', actorRole: 'admin', action: 'practice.setup', entityType: 'practice', entityId: 'p1', clientId: null, outcome: 'allowed', reason: null },
  { seq: 2, at: '2026-03-14T10:02:11.000Z', actorId: 'u-clin1', actorRole: 'clinician', action: 'note.sign', entityType: 'note', entityId: 'n-104', clientId: 'c-17', outcome: 'allowed', reason: null },
  { seq: 3, at: '2026-03-14T10:05:40.000Z', actorId: 'u-clin2', actorRole: 'clinician', action: 'client.read', entityType: 'client', entityId: 'c-17', clientId: 'c-17', outcome: 'denied', reason: null },
  { seq: 4, at: '2026-03-15T08:00:00.000Z', actorId: 'u-admin', actorRole: 'admin', action: 'vault.emergency-access', entityType: 'vault-note', entityId: 'v-9', clientId: 'c-17', outcome: 'allowed', reason: 'Court order 2026-CV-0042' },
];

const USERS: UserRow[] = [
  { id: '1', username: 'arivera', displayName: 'A. Rivera, LCSW', roles: ['clinician', 'supervisor'], totpEnabled: true, active: true, lastLoginAt: '2026-03-14T08:00:00Z' },
  { id: '2', username: 'bchen', displayName: 'B. Chen', roles: ['biller'], totpEnabled: false, active: true },
  { id: '3', username: 'admin', displayName: 'Practice Admin', roles: ['admin'], totpEnabled: true, active: true, lastLoginAt: '2026-03-15T07:55:00Z' },
];

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={`gallery-${id}`} aria-labelledby={`gallery-${id}-title`} data-gallery-section={id}>
      <Title order={2} size="h3" id={`gallery-${id}-title`} mb="sm">
        {title}
      </Title>
      {children}
      <Divider my="xl" />
    </section>
  );
}

function EditorDemo() {
  const [note, setNote] = useState(noteWithProblems);
  const [body, setBody] = useState(SYNTHETIC_PRIVATE_NOTE);
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, xl: 8 }}>
        <ProgressNoteEditor value={note} onChange={setNote} onSign={() => undefined} status="draft" saveState={{ kind: 'saved', at: '10:52' }} title="Progress note — J.R., 2026-03-14" />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xl: 4 }}>
        <PsychotherapyNotePanel value={body} onChange={setBody} progressFormat={note.format} onMoveToProgress={(s, section) => setNote((n) => appendToSection(n, section, s))} />
      </Grid.Col>
    </Grid>
  );
}

function MeasureDemo() {
  const [phq, setPhq] = useState<Array<number | undefined>>([2, 2, 1, 2, 1, 1, 1, 0, 1]);
  const [pcl, setPcl] = useState<Array<number | undefined>>([2, 2, 1, 1, 0, 2, 1, 0, 3, 2, 1, 0, 0, 0, 2, 0, 3, 1, 0, 0]);
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <MeasureEntry instrument="phq9" value={phq} onChange={setPhq} onItem9FollowUp={() => undefined} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Stack gap="lg">
          <MeasureTrendChart
            instrument="phq9"
            points={[
              { date: '2026-01-10', total: 18 },
              { date: '2026-01-24', total: 16 },
              { date: '2026-02-07', total: 15 },
              { date: '2026-02-21', total: 12 },
              { date: '2026-03-14', total: 9 },
            ]}
          />
          <MeasureEntry instrument="pcl5" value={pcl} onChange={setPcl} />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

function ShellDemo() {
  const [idle, setIdle] = useState(false);
  const [deadline, setDeadline] = useState(() => Date.now() + 120_000);
  return (
    <Stack gap="md">
      <SessionExpiredBanner unsavedText={'Plan: continue CBT; introduce worry postponement next session.'} onSignIn={() => undefined} />
      <Group>
        <Button
          onClick={() => {
            setDeadline(Date.now() + 120_000);
            setIdle(true);
          }}
        >
          Show idle warning
        </Button>
      </Group>
      <IdleWarning opened={idle} deadline={deadline} onStay={() => setIdle(false)} onSignOut={() => setIdle(false)} />
    </Stack>
  );
}

const SECTIONS: ReadonlyArray<{ id: string; title: string; render: () => ReactNode }> = [
  { id: 'editor', title: 'Progress note and psychotherapy note', render: () => <EditorDemo /> },
  {
    id: 'signed',
    title: 'Signed note with addendum',
    render: () => (
      <ProgressNoteEditor
        value={cleanSoapNote()}
        onChange={() => undefined}
        onSign={() => undefined}
        status="signed"
        saveState={{ kind: 'saved' }}
        addenda={[{ at: '2026-03-15 09:10', author: 'A. Rivera, LCSW', text: 'Client called to confirm the next session.' }]}
        onAddAddendum={() => undefined}
      />
    ),
  },
  { id: 'measures', title: 'Measures', render: () => <MeasureDemo /> },
  {
    id: 'drafting',
    title: 'Draft from session details',
    render: () => (
      <DraftFromDetails
        defaults={carryForward(
          {
            logistics: { date: '2026-03-07', cptCodes: ['90834'], placeOfService: 'telehealth-home', telehealthMode: 'video' },
            modality: { type: 'individual', participants: [{ role: 'client', label: 'J.R.' }] },
            diagnoses: [{ code: 'F41.1', description: 'Generalized anxiety disorder' }],
            goals: [{ goal: 'sleep 7 hrs on work nights', progress: 'improved' }],
            nextSession: { frequency: 'weekly' },
          },
          '2026-03-14',
        )}
        onUseDraft={() => undefined}
      />
    ),
  },
  { id: 'split', title: 'Split review', render: () => <SplitReview initialText={SYNTHETIC_RAW_NOTES} onAccept={() => undefined} /> },
  { id: 'audit', title: 'Audit log', render: () => <AuditLogTable rows={AUDIT_ROWS} onVerify={() => Promise.resolve({ ok: true, rows: AUDIT_ROWS.length })} /> },
  { id: 'users', title: 'Users', render: () => <UsersTable users={USERS} onEdit={() => undefined} /> },
  { id: 'shell', title: 'Session banners', render: () => <ShellDemo /> },
];

function useGallerySection(): string | undefined {
  const read = (): string | undefined => window.location.hash.split('/')[2] || undefined;
  const [section, setSection] = useState(read);
  useEffect(() => {
    const on = (): void => setSection(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return section;
}

/** The gallery page (lazy chunk). */
export default function ComponentGallery() {
  const only = useGallerySection();
  const shown = SECTIONS.filter((s) => only === undefined || s.id === only);
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Component gallery
      </Title>
      <Text size="sm" c="dimmed">
        Synthetic data only.{' '}
        {SECTIONS.map((s) => (
          <Anchor key={s.id} href={`#/gallery/${s.id}`} mr="sm">
            {s.title}
          </Anchor>
        ))}
        <Anchor href="#/gallery">All</Anchor>
      </Text>
      {shown.map((s) => (
        <Section key={s.id} id={s.id} title={s.title}>
          {s.render()}
        </Section>
      ))}
    </Stack>
  );
}
