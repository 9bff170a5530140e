/**
 * The psychotherapy note, beside the progress note and unmistakably private: its own
 * colour and border, a notice tied to the text area with `aria-describedby`, and its own
 * live lint (`kind: 'psychotherapy'`). A finding of excluded content (45 CFR 164.501:
 * medication, session times, modality and frequency, test results, clinical summaries)
 * offers "Move to progress note", which cuts the whole sentence out of this note and hands
 * it to the progress note, leaving nothing behind.
 */
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useId, useMemo, useRef, useState } from 'react';
import { FORMATS, type ProgressNoteFormat, type SectionName } from '../../core/notes/formats.ts';
import { lint } from '../../core/rules/index.ts';
import { PRIVATE_COLOR } from '../theme.ts';
import { FindingsPanel } from './findings-panel.tsx';
import { HighlightTextarea } from './highlight-textarea.tsx';
import { MOVE_TARGETS, extractSentence, isExclusionFinding, targetSectionFor } from './move-to-progress.ts';
import type { SaveState } from './progress-note-editor.tsx';

export interface PsychotherapyNotePanelProps {
  readonly value: string;
  readonly onChange: (body: string) => void;
  /** The progress note's format, which decides the receiving section. */
  readonly progressFormat: ProgressNoteFormat;
  /** Appends `sentence` to `targetSection` of the progress note. */
  readonly onMoveToProgress: (sentence: string, targetSection: SectionName) => void;
  readonly saveState?: SaveState | undefined;
}

/** The wording of the privacy notice (also read by tests and the e2e suite). */
export const PRIVATE_NOTICE = 'Psychotherapy note — not part of the medical record, visible only to you';

/** The private note panel with live lint and "Move to progress note". */
export function PsychotherapyNotePanel({ value, onChange, progressFormat, onMoveToProgress, saveState }: PsychotherapyNotePanelProps) {
  const uid = useId();
  const noticeId = `${uid}-notice`;
  const textarea = useRef<HTMLTextAreaElement | null>(null);
  const [moved, setMoved] = useState<{ sentence: string; section: string; note?: string | undefined } | undefined>();

  const findings = useMemo(() => lint(value, { kind: 'psychotherapy' }).findings, [value]);
  const keyed = findings.map((f, i) => ({ key: `${f.rule}:${f.start}:${f.end}:${i}`, finding: f }));

  const select = (key: string): void => {
    const hit = keyed.find((k) => k.key === key);
    const el = textarea.current;
    if (!hit || !el) return;
    el.focus();
    el.setSelectionRange(hit.finding.start, hit.finding.end);
  };

  return (
    <Paper
      component="section"
      aria-labelledby={`${uid}-title`}
      p="md"
      radius="md"
      bg={`${PRIVATE_COLOR}.0`}
      style={{ border: `3px dashed var(--mantine-color-${PRIVATE_COLOR}-7)` }}
      data-private-note=""
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Title order={2} size="h4" id={`${uid}-title`} c={`${PRIVATE_COLOR}.9`}>
            Psychotherapy note
          </Title>
          <Badge color={PRIVATE_COLOR} variant="filled">
            Private
          </Badge>
        </Group>
        <Text id={noticeId} size="sm" fw={600} c={`${PRIVATE_COLOR}.9`}>
          {PRIVATE_NOTICE}. It holds your own process notes only; medication, session times, modality, test results and clinical
          summaries belong in the progress note.
        </Text>
        {saveState?.kind === 'failed' && (
          <Text role="alert" c="red.9" size="sm">
            Not saved: {saveState.message} Your text is kept here.
          </Text>
        )}
        <HighlightTextarea
          id={`${uid}-body`}
          label="Private process notes"
          value={value}
          onChange={onChange}
          highlights={findings.map((f) => ({ start: f.start, end: f.end, severity: f.severity }))}
          describedBy={noticeId}
          textareaRef={textarea}
          minRows={8}
        />
        {moved && (
          <Text size="sm" role="status">
            Moved to the progress note ({moved.section}): “{moved.sentence}”. {moved.note}
          </Text>
        )}
        <FindingsPanel
          title="Private-note findings"
          headingId={`${uid}-findings`}
          onSelect={select}
          items={keyed.map(({ key, finding }) => {
            if (!isExclusionFinding(finding)) return { key, finding };
            const target = targetSectionFor(finding.rule, progressFormat);
            const sectionTitle = FORMATS[progressFormat].sections.find((s) => s.name === target)?.title ?? target;
            return {
              key,
              finding,
              action: (
                <Button
                  size="compact-sm"
                  mt={6}
                  variant="light"
                  color="teal"
                  aria-label={`Move to progress note (${sectionTitle}): the sentence with “${value.slice(finding.start, finding.end)}”`}
                  onClick={() => {
                    const { sentence, rest } = extractSentence(value, finding);
                    // Hand the sentence over first: if that fails, the private text is untouched.
                    onMoveToProgress(sentence, target);
                    onChange(rest);
                    setMoved({ sentence, section: sectionTitle, note: MOVE_TARGETS[finding.rule].note });
                  }}
                >
                  Move to progress note ({sectionTitle})
                </Button>
              ),
            };
          })}
        />
      </Stack>
    </Paper>
  );
}
