/**
 * The progress-note editor: format, structured session logistics, diagnoses, risk,
 * interventions and the format's free-text sections, with the compliance linter running on
 * every edit over the note's canonical text (`renderProgressNote`), the same text the
 * server re-lints and signs. Data and persistence come in through props.
 */
import {
  Alert,
  Button,
  Checkbox,
  Grid,
  Group,
  NativeSelect,
  Paper,
  Radio,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useId, useMemo, useRef, useState } from 'react';
import { FORMATS, PROGRESS_NOTE_FORMATS, type SectionName } from '../../core/notes/formats.ts';
import {
  PLACES_OF_SERVICE,
  ProgressNoteContent,
  SESSION_MODALITIES,
  type Participant,
  type PlaceOfService,
  type RiskAssessment,
  type SessionModality,
} from '../../core/notes/model.ts';
import { renderProgressNote } from '../../core/notes/render.ts';
import { hasErrors, lint } from '../../core/rules/index.ts';
import { FindingsPanel } from './findings-panel.tsx';
import { HighlightTextarea, type Highlight } from './highlight-textarea.tsx';
import { Icd10Picker } from './icd10-picker.tsx';
import {
  carriedOverSections,
  fieldLabel,
  moveSection,
  placeFindings,
  switchFormat,
  type FieldPath,
  type PlacedFinding,
} from './editor-model.ts';

/** The editor's save status, reported by whoever persists the draft. */
export type SaveState =
  | { readonly kind: 'saved'; readonly at?: string | undefined }
  | { readonly kind: 'saving' }
  | { readonly kind: 'failed'; readonly message: string };

export interface Addendum {
  readonly at: string;
  readonly author: string;
  readonly text: string;
}

export interface ProgressNoteEditorProps {
  readonly value: ProgressNoteContent;
  readonly onChange: (next: ProgressNoteContent) => void;
  /** Sign the note; `overrideReason` is given when error findings remain. The server re-lints. */
  readonly onSign: (overrideReason?: string) => void;
  readonly status: 'draft' | 'signed';
  readonly saveState: SaveState;
  /** Signed notes: existing addenda, and saving a new one. */
  readonly addenda?: readonly Addendum[] | undefined;
  /** Saves an addendum; the text is cleared only when the returned promise resolves. */
  readonly onAddAddendum?: ((text: string) => void | Promise<void>) | undefined;
  /** Extra heading text, e.g. the client's initials and session date. */
  readonly title?: string | undefined;
  /**
   * Signed notes: a controlled addendum draft (e.g. a sentence moved from the private
   * note). When given, the page owns the text, so nothing is lost if this view re-mounts.
   */
  readonly addendumDraft?: string | undefined;
  readonly onAddendumDraftChange?: ((text: string) => void) | undefined;
}

const MODALITY_LABELS: Readonly<Record<SessionModality, string>> = {
  individual: 'Individual',
  couples: 'Couples',
  family: 'Family',
  group: 'Group',
  crisis: 'Crisis',
  intake: 'Intake (diagnostic evaluation)',
};

const PLACE_LABELS: Readonly<Record<PlaceOfService, string>> = {
  office: 'Office',
  'telehealth-home': 'Telehealth, client at home',
  'telehealth-other': 'Telehealth, client elsewhere',
  home: "Client's home",
  school: 'School',
  community: 'Community',
  hospital: 'Hospital',
};

const PARTICIPANT_ROLES = ['client', 'partner', 'parent', 'guardian', 'sibling', 'child', 'other-family', 'group-member', 'interpreter', 'other'] as const;

/** Options of each risk field; "not assessed" first, because absent means not assessed. */
const RISK_OPTIONS = {
  suicidalIdeation: [
    ['not-assessed', 'Not assessed'],
    ['denied', 'Denied'],
    ['passive', 'Passive'],
    ['active-without-plan', 'Active, without plan'],
    ['active-with-plan', 'Active, with plan'],
  ],
  homicidalIdeation: [
    ['not-assessed', 'Not assessed'],
    ['denied', 'Denied'],
    ['endorsed', 'Endorsed'],
  ],
  selfHarm: [
    ['not-assessed', 'Not assessed'],
    ['denied', 'Denied'],
    ['recent', 'Recent'],
    ['history', 'History, none recent'],
  ],
  level: [
    ['', 'Not recorded'],
    ['low', 'Low'],
    ['moderate', 'Moderate'],
    ['high', 'High'],
  ],
  safetyPlan: [
    ['', 'Not recorded'],
    ['not-needed', 'Not indicated'],
    ['reviewed', 'Reviewed'],
    ['created', 'Created'],
    ['updated', 'Updated'],
  ],
} as const;

const options = (pairs: ReadonlyArray<readonly [string, string]>) => pairs.map(([value, label]) => ({ value, label }));

/** Draft editor, or the read-only signed view with addenda. */
export function ProgressNoteEditor(props: ProgressNoteEditorProps) {
  if (props.status === 'signed') return <SignedProgressNote {...props} />;
  return <DraftEditor {...props} />;
}

function SaveIndicator({ saveState }: { readonly saveState: SaveState }) {
  switch (saveState.kind) {
    case 'saved':
      return (
        <Text size="sm" c="dimmed" role="status">
          {saveState.at ? `Saved ${saveState.at}` : 'All changes saved'}
        </Text>
      );
    case 'saving':
      return (
        <Text size="sm" c="dimmed" role="status">
          Saving…
        </Text>
      );
    case 'failed':
      return null;
  }
}

function DraftEditor({ value, onChange, onSign, saveState, title }: ProgressNoteEditorProps) {
  const uid = useId();
  const ids = (name: string): string => `${uid}-${name.replace(/\./g, '-')}`;
  const refs = useRef(new Map<FieldPath, HTMLElement>());
  const register = useCallback(
    (field: FieldPath) => (el: HTMLElement | null) => {
      if (el) refs.current.set(field, el);
      else refs.current.delete(field);
    },
    [],
  );
  const [overrideReason, setOverrideReason] = useState('');

  // Lint on every edit: the canonical text is what the server re-lints and signs.
  const rendered = useMemo(() => renderProgressNote(value), [value]);
  const findings = useMemo(() => lint(rendered.text, { kind: 'progress' }).findings, [rendered]);
  const placed = useMemo(() => placeFindings(value, rendered, findings), [value, rendered, findings]);
  const parsed = useMemo(() => ProgressNoteContent.safeParse(value), [value]);
  const schemaIssues = useMemo(() => {
    const out = new Map<string, string>();
    if (!parsed.success) for (const i of parsed.error.issues) out.set(i.path.join('.'), i.message);
    return out;
  }, [parsed]);

  const errorCount = findings.filter((f) => f.severity === 'error').length;
  const blockedByErrors = hasErrors(findings) && overrideReason.trim() === '';
  const carried = carriedOverSections(value);
  const canSign = !blockedByErrors && carried.length === 0 && parsed.success && saveState.kind !== 'saving';

  const highlightsFor = (field: FieldPath): Highlight[] =>
    placed.filter((p) => p.field === field && p.range).map((p) => ({ start: p.range!.start, end: p.range!.end, severity: p.finding.severity }));
  /** The message to show under a structured input: schema problems first, then findings. */
  const errorFor = (...fields: FieldPath[]): string | undefined => {
    for (const f of fields) {
      const issue = schemaIssues.get(f);
      if (issue) return `${fieldLabel(f)} ${issue}`;
    }
    const hits = placed.filter((p) => p.field !== undefined && fields.includes(p.field));
    if (hits.length === 0) return undefined;
    return hits.map((h) => `${h.finding.severity === 'warning' ? 'Warning: ' : ''}${h.finding.message}`).join(' ');
  };

  const selectFinding = (key: string): void => {
    const p = placed.find((x) => x.key === key);
    if (!p?.field) return;
    const el = refs.current.get(p.field);
    if (!el) return;
    el.focus();
    if (p.range && el instanceof HTMLTextAreaElement) el.setSelectionRange(p.range.start, p.range.end);
    el.scrollIntoView?.({ block: 'center' });
  };

  const set = (next: Partial<ProgressNoteContent>): void => onChange({ ...value, ...next });
  const setSession = (next: Partial<ProgressNoteContent['session']>): void => onChange({ ...value, session: { ...value.session, ...next } });
  const setSection = (name: SectionName, text: string): void => onChange({ ...value, sections: { ...value.sections, [name]: text } });
  const setRisk = (next: Partial<RiskAssessment>): void => {
    const base: RiskAssessment = value.risk ?? { suicidalIdeation: 'not-assessed', homicidalIdeation: 'not-assessed', selfHarm: 'not-assessed' };
    onChange({ ...value, risk: { ...base, ...next } });
  };
  const setParticipants = (participants: Participant[]): void => setSession({ participants });

  const formatDef = FORMATS[value.format];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Title order={2} size="h3">
          {title ?? 'Progress note'}{' '}
          <Text span c="dimmed" size="sm">
            (draft)
          </Text>
        </Title>
        <SaveIndicator saveState={saveState} />
      </Group>
      {saveState.kind === 'failed' && (
        <Alert color="red" title="Not saved" role="alert">
          {saveState.message} Your text is kept in this editor and is saved again on your next change. Do not close this window.
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Stack gap="md">
            <Radio.Group
              label="Note format"
              value={value.format}
              onChange={(f) => onChange(switchFormat(value, f))}
              description="Switching keeps the text of sections the formats share; other text is carried over, never dropped."
            >
              <Group gap="md" mt={4}>
                {PROGRESS_NOTE_FORMATS.map((f) => (
                  <Radio key={f} value={f} label={FORMATS[f].label} />
                ))}
              </Group>
            </Radio.Group>

            <Paper withBorder p="sm" component="fieldset" style={{ margin: 0 }}>
              <Text component="legend" fw={600} size="sm" px={4}>
                Session logistics
              </Text>
              <Grid gap="sm">
                <Grid.Col span={{ base: 12, xs: 4 }}>
                  <TextInput
                    ref={register('session.date')}
                    type="date"
                    label="Date of service"
                    value={value.session.date}
                    onChange={(e) => setSession({ date: e.currentTarget.value })}
                    error={errorFor('session.date')}
                    required
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 6, xs: 4 }}>
                  <TextInput
                    ref={register('session.start')}
                    type="time"
                    label="Start"
                    value={value.session.start ?? ''}
                    onChange={(e) => setSession({ start: e.currentTarget.value || undefined })}
                    error={errorFor('session.start')}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 6, xs: 4 }}>
                  <TextInput
                    ref={register('session.end')}
                    type="time"
                    label="End"
                    value={value.session.end ?? ''}
                    onChange={(e) => setSession({ end: e.currentTarget.value || undefined })}
                    error={errorFor('session.end')}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, xs: 4 }}>
                  <TagsInput
                    ref={register('session.cptCodes')}
                    label="CPT codes"
                    description="Type a code, press Enter"
                    value={value.session.cptCodes}
                    onChange={(codes) => setSession({ cptCodes: codes.map((c) => c.trim()).filter(Boolean) })}
                    splitChars={[',', ' ']}
                    error={errorFor('session.cptCodes')}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, xs: 4 }}>
                  <NativeSelect
                    ref={register('session.modality')}
                    label="Modality"
                    value={value.session.modality}
                    onChange={(e) => setSession({ modality: e.currentTarget.value as SessionModality })}
                    data={SESSION_MODALITIES.map((m) => ({ value: m, label: MODALITY_LABELS[m] }))}
                    error={errorFor('session.modality')}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, xs: 4 }}>
                  <NativeSelect
                    ref={register('session.placeOfService')}
                    label="Place of service"
                    value={value.session.placeOfService}
                    onChange={(e) => setSession({ placeOfService: e.currentTarget.value as PlaceOfService })}
                    data={PLACES_OF_SERVICE.map((p) => ({ value: p, label: PLACE_LABELS[p] }))}
                  />
                </Grid.Col>
              </Grid>
              <Stack gap={6} mt="sm">
                <Text size="sm" fw={500}>
                  Participants
                </Text>
                {value.session.participants.length === 0 && (
                  <Text size="sm" c="dimmed">
                    None listed.
                  </Text>
                )}
                {value.session.participants.map((p, i) => (
                  <Group key={i} gap="xs" align="flex-end" wrap="wrap">
                    <NativeSelect
                      label={`Participant ${i + 1} role`}
                      value={p.role}
                      data={[...PARTICIPANT_ROLES]}
                      onChange={(e) =>
                        setParticipants(value.session.participants.map((x, j) => (j === i ? { ...x, role: e.currentTarget.value as Participant['role'] } : x)))
                      }
                    />
                    <TextInput
                      label={`Participant ${i + 1} initials or description`}
                      value={p.label ?? ''}
                      onChange={(e) =>
                        setParticipants(value.session.participants.map((x, j) => (j === i ? { ...x, label: e.currentTarget.value || undefined } : x)))
                      }
                    />
                    <Button variant="subtle" color="red" onClick={() => setParticipants(value.session.participants.filter((_, j) => j !== i))}>
                      Remove participant {i + 1}
                    </Button>
                  </Group>
                ))}
                <Group>
                  <Button
                    variant="light"
                    size="compact-sm"
                    ref={register('session.participants')}
                    onClick={() => setParticipants([...value.session.participants, { role: 'client' }])}
                  >
                    Add participant
                  </Button>
                </Group>
              </Stack>
            </Paper>

            <Paper withBorder p="sm">
              <Icd10Picker
                value={value.diagnoses}
                onChange={(diagnoses) => set({ diagnoses })}
                inputRef={register('diagnoses')}
                error={errorFor('diagnoses')}
              />
            </Paper>

            <TagsInput
              ref={register('interventions')}
              label="Interventions"
              description="One per entry, e.g. cognitive restructuring; press Enter to add"
              value={value.interventions}
              onChange={(interventions) => set({ interventions: interventions.map((s) => s.trim()).filter(Boolean) })}
              error={errorFor('interventions')}
            />

            <RiskFields
              risk={value.risk}
              onAssessedChange={(assessed) => set({ risk: assessed ? { suicidalIdeation: 'not-assessed', homicidalIdeation: 'not-assessed', selfHarm: 'not-assessed' } : undefined })}
              onChange={setRisk}
              register={register}
              error={errorFor('risk', 'risk.suicidalIdeation')}
            />

            <HighlightTextarea
              id={ids('mentalStatus')}
              label="Mental status"
              value={value.mentalStatus ?? ''}
              onChange={(t) => set({ mentalStatus: t === '' ? undefined : t })}
              highlights={highlightsFor('mentalStatus')}
              textareaRef={register('mentalStatus')}
              minRows={2}
            />
            <HighlightTextarea
              id={ids('functionalStatus')}
              label="Functional status"
              value={value.functionalStatus ?? ''}
              onChange={(t) => set({ functionalStatus: t === '' ? undefined : t })}
              highlights={highlightsFor('functionalStatus')}
              textareaRef={register('functionalStatus')}
              minRows={2}
            />

            {formatDef.sections.map((s) => (
              <HighlightTextarea
                key={s.name}
                id={ids(`sections.${s.name}`)}
                label={`${s.title} (${s.letter})`}
                hint={s.hint}
                value={value.sections[s.name] ?? ''}
                onChange={(t) => setSection(s.name, t)}
                highlights={highlightsFor(`sections.${s.name}`)}
                textareaRef={register(`sections.${s.name}`)}
                minRows={4}
              />
            ))}

            {carried.map((name) => (
              <Paper key={name} withBorder p="sm" bg="yellow.0" style={{ borderColor: 'var(--mantine-color-yellow-7)' }}>
                <Textarea
                  label={`${fieldLabel(`sections.${name}`)}: carried over`}
                  description={`The ${formatDef.label} format has no ${fieldLabel(`sections.${name}`)} section. This text is kept, but is not part of the note until you move it into a section or clear it.`}
                  value={value.sections[name] ?? ''}
                  onChange={(e) => setSection(name, e.currentTarget.value)}
                  autosize
                  minRows={2}
                />
                <Group gap="xs" mt="xs" wrap="wrap">
                  {formatDef.sections.map((target) => (
                    <Button key={target.name} size="compact-sm" variant="light" onClick={() => onChange(moveSection(value, name, target.name))}>
                      Move into {target.title}
                    </Button>
                  ))}
                </Group>
              </Paper>
            ))}
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Stack gap="md" style={{ position: 'sticky', top: 70 }}>
            <Paper withBorder p="sm">
              <FindingsPanel
                title="Compliance findings"
                headingId={ids('findings')}
                items={placed.map((p: PlacedFinding) => ({ key: p.key, finding: p.finding, where: p.field ? fieldLabel(p.field) : undefined }))}
                onSelect={selectFinding}
              />
            </Paper>
            <Paper withBorder p="sm">
              <Title order={3} size="h5" mb="xs">
                Sign
              </Title>
              {errorCount > 0 && (
                <Textarea
                  label="Override reason"
                  description={`${errorCount} error-level ${errorCount === 1 ? 'finding remains' : 'findings remain'}. To sign anyway, state why; the reason is kept with the signature.`}
                  value={overrideReason}
                  onChange={(e) => setOverrideReason(e.currentTarget.value)}
                  autosize
                  minRows={2}
                  mb="xs"
                />
              )}
              {carried.length > 0 && (
                <Text size="sm" c="orange.9" mb="xs">
                  Move or clear the carried-over text before signing.
                </Text>
              )}
              {!parsed.success && (
                <Text size="sm" c="red.9" mb="xs">
                  Complete the session logistics before signing.
                </Text>
              )}
              <Button
                fullWidth
                disabled={!canSign}
                onClick={() => onSign(errorCount > 0 ? overrideReason.trim() : undefined)}
              >
                {errorCount > 0 ? 'Sign with override' : 'Sign note'}
              </Button>
              <Text size="xs" c="dimmed" mt={6}>
                The server checks the note again when you sign. A signed note is locked; later changes are addenda.
              </Text>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

interface RiskFieldsProps {
  readonly risk: RiskAssessment | undefined;
  readonly onAssessedChange: (assessed: boolean) => void;
  readonly onChange: (next: Partial<RiskAssessment>) => void;
  readonly register: (field: FieldPath) => (el: HTMLElement | null) => void;
  readonly error?: string | undefined;
}

/** Risk assessment. Absent means not assessed; nothing here defaults to "denied". */
function RiskFields({ risk, onAssessedChange, onChange, register, error }: RiskFieldsProps) {
  return (
    <Paper withBorder p="sm" component="fieldset" style={{ margin: 0 }}>
      <Text component="legend" fw={600} size="sm" px={4}>
        Risk assessment
      </Text>
      <Checkbox
        ref={risk ? undefined : register('risk.suicidalIdeation')}
        label="Risk was assessed this session"
        checked={risk !== undefined}
        onChange={(e) => onAssessedChange(e.currentTarget.checked)}
        error={risk ? undefined : error}
      />
      {risk && (
        <Grid gap="sm" mt="xs">
          <Grid.Col span={{ base: 12, xs: 4 }}>
            <NativeSelect
              ref={register('risk.suicidalIdeation')}
              label="Suicidal ideation"
              value={risk.suicidalIdeation}
              data={options(RISK_OPTIONS.suicidalIdeation)}
              onChange={(e) => onChange({ suicidalIdeation: e.currentTarget.value as RiskAssessment['suicidalIdeation'] })}
              error={error}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, xs: 4 }}>
            <NativeSelect
              label="Homicidal ideation"
              value={risk.homicidalIdeation}
              data={options(RISK_OPTIONS.homicidalIdeation)}
              onChange={(e) => onChange({ homicidalIdeation: e.currentTarget.value as RiskAssessment['homicidalIdeation'] })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, xs: 4 }}>
            <NativeSelect
              label="Self-harm"
              value={risk.selfHarm}
              data={options(RISK_OPTIONS.selfHarm)}
              onChange={(e) => onChange({ selfHarm: e.currentTarget.value as RiskAssessment['selfHarm'] })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, xs: 6 }}>
            <NativeSelect
              label="Risk level"
              value={risk.level ?? ''}
              data={options(RISK_OPTIONS.level)}
              onChange={(e) => onChange({ level: (e.currentTarget.value || undefined) as RiskAssessment['level'] })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, xs: 6 }}>
            <NativeSelect
              label="Safety plan"
              value={risk.safetyPlan ?? ''}
              data={options(RISK_OPTIONS.safetyPlan)}
              onChange={(e) => onChange({ safetyPlan: (e.currentTarget.value || undefined) as RiskAssessment['safetyPlan'] })}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <Textarea
              label="Risk notes"
              value={risk.notes ?? ''}
              onChange={(e) => onChange({ notes: e.currentTarget.value || undefined })}
              autosize
              minRows={1}
            />
          </Grid.Col>
        </Grid>
      )}
    </Paper>
  );
}

/** A signed note: its canonical text, read-only (text, never HTML), and addenda. */
function SignedProgressNote({ value, addenda = [], onAddAddendum, title, addendumDraft, onAddendumDraftChange }: ProgressNoteEditorProps) {
  const text = useMemo(() => renderProgressNote(value).text, [value]);
  const [writingState, setWriting] = useState(false);
  const [ownDraft, setOwnDraft] = useState('');
  const controlled = addendumDraft !== undefined && onAddendumDraftChange !== undefined;
  const draft = controlled ? addendumDraft : ownDraft;
  const setDraft = controlled ? onAddendumDraftChange : setOwnDraft;
  const writing = writingState || draft !== '';
  const [savingAddendum, setSavingAddendum] = useState(false);
  const [addendumError, setAddendumError] = useState<string | null>(null);
  const uid = useId();
  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {title ?? 'Progress note'}{' '}
        <Text span c="teal.9" size="sm" fw={600}>
          (signed, locked)
        </Text>
      </Title>
      <Paper withBorder p="md" component="article" aria-label="Signed progress note text">
        <Text component="pre" size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0, fontFamily: 'inherit' }}>
          {text}
        </Text>
      </Paper>
      {addenda.length > 0 && (
        <Stack gap="xs" component="section" aria-labelledby={`${uid}-addenda`}>
          <Title order={3} size="h5" id={`${uid}-addenda`}>
            Addenda
          </Title>
          {addenda.map((a, i) => (
            <Paper key={i} withBorder p="sm">
              <Text size="xs" c="dimmed">
                {a.at} · {a.author}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {a.text}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
      {onAddAddendum &&
        (writing ? (
          <Stack gap="xs">
            <Textarea label="Addendum" description="Dated and signed with your name; the original note does not change." value={draft} onChange={(e) => setDraft(e.currentTarget.value)} autosize minRows={3} />
            {addendumError && (
              <Text role="alert" c="red.9" size="sm">
                Addendum not saved: {addendumError} Your text is kept above.
              </Text>
            )}
            <Group gap="xs">
              <Button
                disabled={draft.trim() === ''}
                loading={savingAddendum}
                onClick={() => {
                  setSavingAddendum(true);
                  setAddendumError(null);
                  // Clear the text only once the server has it: a failed save keeps it.
                  Promise.resolve(onAddAddendum(draft.trim())).then(
                    () => {
                      setDraft('');
                      setWriting(false);
                      setSavingAddendum(false);
                    },
                    (err: unknown) => {
                      setAddendumError(err instanceof Error ? err.message : 'The server refused it.');
                      setSavingAddendum(false);
                    },
                  );
                }}
              >
                Save addendum
              </Button>
              <Button variant="default" onClick={() => setWriting(false)} disabled={draft !== ''}>
                Cancel
              </Button>
            </Group>
          </Stack>
        ) : (
          <Group>
            <Button variant="light" onClick={() => setWriting(true)}>
              Add addendum
            </Button>
          </Group>
        ))}
    </Stack>
  );
}
