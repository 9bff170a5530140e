/**
 * "Polish wording" with the optional language model: asks the server to rephrase the
 * stored draft's sections, shows the rephrasing as a word diff against the draft, with the
 * re-lint and any fact the model added, and lets the clinician accept it into the editor or
 * discard it. The draft in the editor never changes unless they accept; a refusal (no AI
 * consent), a timeout or a model error leaves it exactly as it was.
 */
import { Alert, Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { SectionName } from '../../core/notes/formats.ts';
import { errorMessage } from '../api/client.ts';
import type { PolishResult } from '../api/schemas.ts';

export interface PolishPanelProps {
  /** Whether the client's consent is on record (the server checks again through the gate). */
  readonly consented: boolean;
  /** Saves the editor's text and returns the note id the server should rephrase. */
  readonly prepare: () => Promise<string>;
  readonly polish: (noteId: string) => Promise<PolishResult>;
  /** A fingerprint of the editor's sections: a rephrasing of older text is not offered for acceptance. */
  readonly sectionsKey: string;
  readonly onAccept: (sections: Partial<Record<SectionName, string>>) => void;
}

const INVENTED_WORDS: Readonly<Record<string, string>> = {
  number: 'a number',
  code: 'a code',
  medication: 'a medication',
  risk: 'a risk statement',
  measure: 'a measure score',
  negation: 'a negation',
};

/** The diff as text with insertions and deletions marked (not by colour alone). */
function DiffView({ parts }: { readonly parts: ReadonlyArray<{ kind: 'same' | 'added' | 'removed'; text: string }> }) {
  return (
    <Text size="sm" component="div" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="polish-diff">
      {parts.map((p, i) =>
        p.kind === 'same' ? (
          <span key={i}>{p.text}</span>
        ) : p.kind === 'added' ? (
          <ins key={i} style={{ background: 'var(--mantine-color-teal-0)', textDecorationThickness: 2 }}>
            {p.text}
          </ins>
        ) : (
          <del key={i} style={{ background: 'var(--mantine-color-red-0)' }}>
            {p.text}
          </del>
        ),
      )}
    </Text>
  );
}

export function PolishPanel({ consented, prepare, polish, sectionsKey, onAccept }: PolishPanelProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ out: PolishResult; key: string } | null>(null);

  const run = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const key = sectionsKey;
      const noteId = await prepare();
      setResult({ out: await polish(noteId), key });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const out = result?.out;
  const stale = result !== null && result.key !== sectionsKey;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="polish-title">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4" id="polish-title">
            Polish wording (language model)
          </Title>
          <Badge color={consented ? 'teal' : 'gray'} variant="light" style={{ textTransform: 'none' }}>
            {consented ? 'Client consent on record' : 'No client consent'}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          Sends this draft's section text (never the header, never the psychotherapy note) to the practice's configured model for rephrasing. You see every change before anything
          is used; the draft stays as it is unless you accept.
        </Text>
        <Group>
          <Button variant="light" onClick={() => void run()} loading={busy} disabled={!consented}>
            Rephrase with the model
          </Button>
          {!consented && (
            <Text size="sm" c="dimmed">
              Record the client&apos;s AI consent on the chart first.
            </Text>
          )}
        </Group>
        {error && (
          <Alert color="red" role="alert" title="Not rephrased">
            {error} Your draft is unchanged.
          </Alert>
        )}
        {out?.status === 'refused' && (
          <Alert color="orange" role="status" title="Not sent">
            {out.reason} Your draft is unchanged.
          </Alert>
        )}
        {out?.status === 'failed' && (
          <Alert color="orange" role="status" title="The model did not answer usefully">
            {out.error}: {out.detail}. Your draft is unchanged.
          </Alert>
        )}
        {out?.status === 'rephrased' && (
          <Stack gap="xs">
            <Text size="sm">
              Rephrased by <code>{out.model}</code>. Added words are underlined, removed words struck through.
            </Text>
            <DiffView parts={out.diff} />
            {out.invented.length > 0 && (
              <Alert color="red" role="alert" title="The model added facts that are not in your draft">
                <List size="sm">
                  {out.invented.map((i, n) => (
                    <List.Item key={n}>
                      {INVENTED_WORDS[i.kind] ?? i.kind}: “{i.text}”
                    </List.Item>
                  ))}
                </List>
                This rephrasing cannot be accepted.
              </Alert>
            )}
            {out.problem && (
              <Alert color="orange" role="status" title="Cannot be placed in the note">
                {out.problem}.
              </Alert>
            )}
            {out.findings && out.findings.filter((f) => f.severity === 'error').length > 0 && (
              <Alert color="orange" role="status" title="The linter has errors on the rephrased note">
                <List size="sm">
                  {out.findings
                    .filter((f) => f.severity === 'error')
                    .map((f, n) => (
                      <List.Item key={n}>{f.message}</List.Item>
                    ))}
                </List>
              </Alert>
            )}
            {stale && (
              <Text size="sm" c="orange.9">
                You changed the draft after asking; rephrase again to use the model&apos;s wording.
              </Text>
            )}
            <Group>
              <Button
                onClick={() => {
                  if (out.sections) onAccept(out.sections);
                  setResult(null);
                }}
                disabled={out.sections === null || out.invented.length > 0 || stale}
              >
                Accept the rephrasing
              </Button>
              <Button variant="default" onClick={() => setResult(null)}>
                Discard
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
