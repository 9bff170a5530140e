/**
 * Drafting from session details: a keyboard-first form over the session-details schema
 * (defaults carried from the previous session come in as a prop), the composed note beside
 * it with each sentence's provenance on hover or focus, and "Use this draft", which hands
 * the editor a progress note. Nothing is invented: empty inputs are left out, and the
 * composed text states only what was entered.
 */
import { Alert, Button, Grid, Group, NativeSelect, Paper, Stack, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { composeNote, MENTAL_STATUS_FIELDS, parseSessionDetails, type ComposedSentence } from '../../core/drafting/index.ts';
import { INSTRUMENTS, INSTRUMENT_IDS } from '../../core/measures/index.ts';
import { FORMATS, PROGRESS_NOTE_FORMATS, type ProgressNoteFormat } from '../../core/notes/formats.ts';
import { PLACES_OF_SERVICE, SESSION_MODALITIES, type ProgressNoteContent } from '../../core/notes/model.ts';
import { Icd10Picker } from '../editor/icd10-picker.tsx';
import { draftToProgressNote, toSessionDetailsInput, type DraftForm } from './draft-form.ts';

export interface DraftFromDetailsProps {
  /** The starting form: `carryForward(previousSession, today)` or `emptyDraftForm(today)`. */
  readonly defaults: DraftForm;
  /** Fills the editor with the drafted note. */
  readonly onUseDraft: (note: ProgressNoteContent) => void;
}

const MS_LABELS: Readonly<Record<string, string>> = {
  appearance: 'Appearance',
  behavior: 'Behavior',
  speech: 'Speech',
  mood: 'Mood',
  affect: 'Affect',
  thoughtProcess: 'Thought process',
  thoughtContent: 'Thought content',
  perception: 'Perception',
  orientation: 'Orientation',
  cognition: 'Cognition',
  insight: 'Insight',
  judgment: 'Judgment',
  text: 'Other observations',
};

const sel = (values: readonly string[], empty = 'Not entered') => [{ value: '', label: empty }, ...values.map((v) => ({ value: v, label: v }))];

/** The form, the composed preview with provenance, and "Use this draft" (also Ctrl+Enter). */
export function DraftFromDetails({ defaults, onUseDraft }: DraftFromDetailsProps) {
  const uid = useId();
  const [form, setForm] = useState<DraftForm>(defaults);
  const [active, setActive] = useState<ComposedSentence | undefined>();
  const set = (patch: Partial<DraftForm>): void => setForm((f) => ({ ...f, ...patch }));

  const parsed = useMemo(() => parseSessionDetails(toSessionDetailsInput(form)), [form]);
  const composed = useMemo(() => (parsed.ok ? composeNote(parsed.details, form.format) : undefined), [parsed, form.format]);
  const missing = [form.modality === '' ? 'modality' : undefined, form.placeOfService === '' ? 'place of service' : undefined].filter(Boolean);
  const canUse = parsed.ok && composed !== undefined && missing.length === 0;

  const use = (): void => {
    if (!parsed.ok || !composed || form.modality === '' || form.placeOfService === '') return;
    onUseDraft(draftToProgressNote(parsed.details, composed, { modality: form.modality, placeOfService: form.placeOfService }));
  };
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      use();
    }
  };
  const issueFor = (path: string): string | undefined => (parsed.ok ? undefined : parsed.issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message);

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 6 }}>
        <form
          aria-labelledby={`${uid}-title`}
          onSubmit={(e) => {
            e.preventDefault();
            use();
          }}
          onKeyDown={onKeyDown}
        >
          <Stack gap="sm">
            <Title order={2} size="h4" id={`${uid}-title`}>
              Session details
            </Title>
            <Text size="sm" c="dimmed">
              Shorthand is fine (pt c/o, w/, SI). Empty fields are left out of the note. Risk is never carried from a previous session.
            </Text>
            <NativeSelect label="Note format" value={form.format} onChange={(e) => set({ format: e.currentTarget.value as ProgressNoteFormat })} data={PROGRESS_NOTE_FORMATS.map((f) => ({ value: f, label: FORMATS[f].label }))} />
            <Group grow align="flex-start" wrap="wrap">
              <TextInput type="date" label="Date of service" value={form.date} onChange={(e) => set({ date: e.currentTarget.value })} error={issueFor('logistics.date')} required />
              <TextInput type="time" label="Start" value={form.start} onChange={(e) => set({ start: e.currentTarget.value })} error={issueFor('logistics.start')} />
              <TextInput type="time" label="End" value={form.end} onChange={(e) => set({ end: e.currentTarget.value })} error={issueFor('logistics.end')} />
            </Group>
            <Group grow align="flex-start" wrap="wrap">
              <NativeSelect label="Modality" value={form.modality} onChange={(e) => set({ modality: e.currentTarget.value as DraftForm['modality'] })} data={sel(SESSION_MODALITIES, 'Choose…')} required />
              <NativeSelect label="Place of service" value={form.placeOfService} onChange={(e) => set({ placeOfService: e.currentTarget.value as DraftForm['placeOfService'] })} data={sel(PLACES_OF_SERVICE, 'Choose…')} required />
              <NativeSelect label="Telehealth mode" value={form.telehealthMode} onChange={(e) => set({ telehealthMode: e.currentTarget.value as DraftForm['telehealthMode'] })} data={sel(['video', 'audio-only'])} error={issueFor('logistics.telehealthMode')} />
            </Group>
            <TagsInput label="CPT codes" value={[...form.cptCodes]} onChange={(cptCodes) => set({ cptCodes })} splitChars={[',', ' ']} error={issueFor('logistics.cptCodes')} />
            <Icd10Picker value={form.diagnoses} onChange={(diagnoses) => set({ diagnoses })} />
            <TextInput label="Presenting concern" value={form.concern} onChange={(e) => set({ concern: e.currentTarget.value })} />
            <Textarea label="Client's report" value={form.report} onChange={(e) => set({ report: e.currentTarget.value })} autosize minRows={2} />
            <Paper withBorder p="sm" component="fieldset" style={{ margin: 0 }}>
              <Text component="legend" fw={600} size="sm" px={4}>
                Mental status
              </Text>
              <Grid gap="xs">
                {[...MENTAL_STATUS_FIELDS, 'text' as const].map((k) => (
                  <Grid.Col key={k} span={{ base: 12, sm: 6 }}>
                    <TextInput label={MS_LABELS[k]} value={form.observations[k]} onChange={(e) => set({ observations: { ...form.observations, [k]: e.currentTarget.value } })} />
                  </Grid.Col>
                ))}
              </Grid>
            </Paper>
            <TagsInput label="Interventions" description="Press Enter after each" value={[...form.interventions]} onChange={(interventions) => set({ interventions })} />
            <Paper withBorder p="sm" component="fieldset" style={{ margin: 0 }}>
              <Text component="legend" fw={600} size="sm" px={4}>
                Measures (totals; item entry is on the measures screen)
              </Text>
              {INSTRUMENT_IDS.map((id) => (
                <Group key={id} grow align="flex-start" wrap="wrap">
                  <TextInput
                    label={`${INSTRUMENTS[id].displayName} total`}
                    inputMode="numeric"
                    value={form.measures[id].total}
                    onChange={(e) => set({ measures: { ...form.measures, [id]: { ...form.measures[id], total: e.currentTarget.value } } })}
                    error={issueFor(`measures`)}
                  />
                  <TextInput
                    label={`${INSTRUMENTS[id].displayName} baseline`}
                    inputMode="numeric"
                    value={form.measures[id].baselineTotal}
                    onChange={(e) => set({ measures: { ...form.measures, [id]: { ...form.measures[id], baselineTotal: e.currentTarget.value } } })}
                  />
                </Group>
              ))}
            </Paper>
            <Paper withBorder p="sm" component="fieldset" style={{ margin: 0 }}>
              <Text component="legend" fw={600} size="sm" px={4}>
                Risk (leave empty if not assessed)
              </Text>
              <Group grow align="flex-start" wrap="wrap">
                <NativeSelect label="Suicidal ideation" value={form.risk.suicidalIdeation} onChange={(e) => set({ risk: { ...form.risk, suicidalIdeation: e.currentTarget.value as DraftForm['risk']['suicidalIdeation'] } })} data={sel(['denied', 'passive', 'active-without-plan', 'active-with-plan'], 'Not assessed')} />
                <NativeSelect label="Homicidal ideation" value={form.risk.homicidalIdeation} onChange={(e) => set({ risk: { ...form.risk, homicidalIdeation: e.currentTarget.value as DraftForm['risk']['homicidalIdeation'] } })} data={sel(['denied', 'endorsed'], 'Not assessed')} />
                <NativeSelect label="Self-harm" value={form.risk.selfHarm} onChange={(e) => set({ risk: { ...form.risk, selfHarm: e.currentTarget.value as DraftForm['risk']['selfHarm'] } })} data={sel(['denied', 'recent', 'history'], 'Not assessed')} />
              </Group>
              <Group grow align="flex-start" wrap="wrap">
                <NativeSelect label="Risk level" value={form.risk.level} onChange={(e) => set({ risk: { ...form.risk, level: e.currentTarget.value as DraftForm['risk']['level'] } })} data={sel(['low', 'moderate', 'high'])} />
                <NativeSelect label="Safety plan" value={form.risk.safetyPlan} onChange={(e) => set({ risk: { ...form.risk, safetyPlan: e.currentTarget.value as DraftForm['risk']['safetyPlan'] } })} data={sel(['not-needed', 'reviewed', 'created', 'updated'])} />
              </Group>
            </Paper>
            <Textarea label="Medications (one per line: name, dose)" value={form.medications} onChange={(e) => set({ medications: e.currentTarget.value })} autosize minRows={1} />
            {form.goals.map((g, i) => (
              <Group key={i} grow align="flex-start" wrap="wrap">
                <TextInput label={`Goal ${i + 1}`} value={g.goal} onChange={(e) => set({ goals: form.goals.map((x, j) => (j === i ? { ...x, goal: e.currentTarget.value } : x)) })} />
                <NativeSelect
                  label={`Goal ${i + 1} progress`}
                  value={g.progress}
                  onChange={(e) => set({ goals: form.goals.map((x, j) => (j === i ? { ...x, progress: e.currentTarget.value as DraftForm['goals'][number]['progress'] } : x)) })}
                  data={sel(['improved', 'maintained', 'declined', 'met', 'not-addressed'])}
                />
              </Group>
            ))}
            <Group>
              <Button variant="light" size="compact-sm" onClick={() => set({ goals: [...form.goals, { goal: '', progress: '', note: '' }] })}>
                Add goal
              </Button>
            </Group>
            <Textarea label="Assessment" value={form.assessment} onChange={(e) => set({ assessment: e.currentTarget.value })} autosize minRows={2} />
            <Textarea label="Response to interventions" value={form.response} onChange={(e) => set({ response: e.currentTarget.value })} autosize minRows={1} />
            <TextInput label="Functional status" value={form.functionalStatus} onChange={(e) => set({ functionalStatus: e.currentTarget.value })} />
            <NativeSelect label="Prognosis" value={form.prognosis} onChange={(e) => set({ prognosis: e.currentTarget.value as DraftForm['prognosis'] })} data={sel(['good', 'fair', 'guarded', 'poor'])} />
            <Textarea label="Plan" value={form.plan} onChange={(e) => set({ plan: e.currentTarget.value })} autosize minRows={2} />
            <TextInput label="Homework" value={form.homework} onChange={(e) => set({ homework: e.currentTarget.value })} />
            <Group grow align="flex-start" wrap="wrap">
              <TextInput type="date" label="Next session date" value={form.nextDate} onChange={(e) => set({ nextDate: e.currentTarget.value })} />
              <TextInput type="time" label="Next session time" value={form.nextTime} onChange={(e) => set({ nextTime: e.currentTarget.value })} />
              <NativeSelect label="Frequency" value={form.frequency} onChange={(e) => set({ frequency: e.currentTarget.value as DraftForm['frequency'] })} data={sel(['twice-weekly', 'weekly', 'every-other-week', 'monthly', 'as-needed'])} />
            </Group>
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Stack gap="sm" style={{ position: 'sticky', top: 70 }}>
          <Title order={2} size="h4">
            Draft ({FORMATS[form.format].label})
          </Title>
          {!parsed.ok && (
            <Alert color="orange" title="Check these fields" role="status">
              <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
                {parsed.issues.map((i) => (
                  <li key={`${i.path}:${i.message}`}>
                    <code>{i.path}</code> {i.message}
                  </li>
                ))}
              </ul>
            </Alert>
          )}
          {composed && (
            <Paper withBorder p="sm" component="article" aria-label="Composed draft" data-testid="composed-draft">
              {composed.sections.map((s) => (
                <div key={s.name} style={{ marginBottom: 8 }}>
                  <Text fw={600} size="sm">
                    {s.title}
                  </Text>
                  {s.sentences.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      (nothing entered)
                    </Text>
                  ) : (
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {s.sentences.map((sentence) => (
                        <span key={sentence.start}>
                          <span
                            tabIndex={0}
                            className="provenance-sentence"
                            title={`From: ${sentence.sources.join(', ')}`}
                            aria-describedby={`${uid}-provenance`}
                            data-active={active === sentence || undefined}
                            onFocus={() => setActive(sentence)}
                            onMouseEnter={() => setActive(sentence)}
                          >
                            {sentence.text}
                          </span>{' '}
                        </span>
                      ))}
                    </Text>
                  )}
                </div>
              ))}
            </Paper>
          )}
          <Paper withBorder p="xs" bg="gray.0">
            <Text size="sm" id={`${uid}-provenance`} aria-live="polite" data-testid="provenance">
              {active ? `Source: ${active.sources.join(', ')}` : 'Focus or point at a sentence to see which input it came from.'}
            </Text>
          </Paper>
          {missing.length > 0 && (
            <Text size="sm" c="orange.9">
              Choose the {missing.join(' and ')} to use this draft.
            </Text>
          )}
          <Group>
            <Button onClick={use} disabled={!canUse}>
              Use this draft
            </Button>
            <Text size="xs" c="dimmed">
              Ctrl+Enter in the form does the same.
            </Text>
          </Group>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
