/**
 * Debounced autosave that never drops text: the page owns the text; a save sends a
 * snapshot; a failure is reported and the text stays; the next change, a "retry", or a
 * fresh sign-in (`resumeCount`) saves again. Saves never overlap: a change during a save
 * is saved right after it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import type { SaveState } from '../editor/progress-note-editor.tsx';

export interface Autosave {
  readonly saveState: SaveState;
  /** Whether there is text the server does not have yet. */
  readonly dirty: boolean;
  /** Saves now (e.g. before signing); resolves when everything is saved, rejects on failure. */
  flush(): Promise<void>;
}

/**
 * @param value the current text (any JSON-able value)
 * @param save sends one snapshot; throws on failure
 * @param validate a reason not to send yet (shown as the failure), or null
 */
export function useAutosave<T>(value: T, save: (v: T) => Promise<void>, opts: { delayMs?: number; resumeCount: number; validate?: (v: T) => string | null; enabled?: boolean }): Autosave {
  const { delayMs = 800, resumeCount, validate, enabled = true } = opts;
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'saved' });
  const saved = useRef(JSON.stringify(value));
  const latest = useRef(value);
  latest.current = value;
  const saveRef = useRef(save);
  saveRef.current = save;
  const validateRef = useRef(validate);
  validateRef.current = validate;
  const inFlight = useRef<Promise<void> | null>(null);
  const dirty = JSON.stringify(value) !== saved.current;

  const run = useCallback(async (): Promise<void> => {
    if (inFlight.current) {
      await inFlight.current.catch(() => undefined);
    }
    const snapshot = latest.current;
    const json = JSON.stringify(snapshot);
    if (json === saved.current) {
      setSaveState({ kind: 'saved', at: new Date().toLocaleTimeString() });
      return;
    }
    const problem = validateRef.current?.(snapshot) ?? null;
    if (problem) {
      setSaveState({ kind: 'failed', message: `Not saved yet: ${problem}.` });
      throw new Error(problem);
    }
    setSaveState({ kind: 'saving' });
    const p = saveRef.current(snapshot).then(
      () => {
        saved.current = json;
        setSaveState(JSON.stringify(latest.current) === json ? { kind: 'saved', at: new Date().toLocaleTimeString() } : { kind: 'saving' });
      },
      (err: unknown) => {
        setSaveState({ kind: 'failed', message: `Not saved: ${errorMessage(err)}` });
        throw err;
      },
    );
    inFlight.current = p;
    try {
      await p;
    } finally {
      if (inFlight.current === p) inFlight.current = null;
    }
    if (JSON.stringify(latest.current) !== saved.current) await run();
  }, []);

  const valueJson = JSON.stringify(value);
  useEffect(() => {
    if (!enabled || valueJson === saved.current) return undefined;
    const t = setTimeout(() => void run().catch(() => undefined), delayMs);
    return () => clearTimeout(t);
  }, [valueJson, enabled, delayMs, run]);

  // After signing in again, save what was typed while the session was gone.
  useEffect(() => {
    if (resumeCount > 0 && enabled) void run().catch(() => undefined);
  }, [resumeCount, enabled, run]);

  return { saveState, dirty, flush: run };
}

