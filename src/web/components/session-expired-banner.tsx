/**
 * Shown when the server session has ended (idle timeout or absolute lifetime). It never
 * discards what the user typed: the unsaved text is shown, selectable and copyable, and the
 * editor behind it stays mounted, so signing in again can save it. Nothing is written to
 * browser storage: note text is PHI and must not outlive the tab.
 */
import { Alert, Button, CopyButton, Group, Text, Textarea } from '@mantine/core';

export interface SessionExpiredBannerProps {
  /** The text not yet saved when the session ended; empty when everything was saved. */
  readonly unsavedText: string;
  readonly onSignIn: () => void;
}

/** Session-expired notice that keeps the unsaved text on screen. */
export function SessionExpiredBanner({ unsavedText, onSignIn }: SessionExpiredBannerProps) {
  const hasText = unsavedText.trim() !== '';
  return (
    <Alert color="orange" variant="light" title="Your session has ended" role="alert" mb="md">
      <Text size="sm" mb="xs">
        {hasText
          ? 'Your unsaved text is kept below and in the editor. Sign in again to save it.'
          : 'All your work was saved. Sign in again to continue.'}
      </Text>
      {hasText && (
        <Textarea label="Unsaved text" value={unsavedText} readOnly autosize minRows={2} maxRows={8} mb="xs" />
      )}
      <Group gap="xs">
        <Button onClick={onSignIn}>Sign in again</Button>
        {hasText && (
          <CopyButton value={unsavedText}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy}>
                {copied ? 'Copied' : 'Copy unsaved text'}
              </Button>
            )}
          </CopyButton>
        )}
      </Group>
    </Alert>
  );
}
