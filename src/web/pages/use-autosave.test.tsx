// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useAutosave } from './use-autosave.ts';

describe('useAutosave', () => {
  it('reports a failed save, keeps the text dirty, and saves it again on the next attempt', async () => {
    vi.useFakeTimers();
    let fail = true;
    const sent: string[] = [];
    const save = vi.fn((v: string) => {
      sent.push(v);
      return fail ? Promise.reject(new Error('The server could not be reached.')) : Promise.resolve();
    });
    const { result, rerender } = renderHook(({ text, resume }) => useAutosave(text, save, { resumeCount: resume, delayMs: 100 }), {
      initialProps: { text: 'loaded', resume: 0 },
    });
    expect(save).not.toHaveBeenCalled();
    rerender({ text: 'typed while offline', resume: 0 });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(150);
    });
    expect(result.current.saveState).toEqual({ kind: 'failed', message: 'Not saved: The server could not be reached.' });
    expect(result.current.dirty).toBe(true);
    // Signing in again (resumeCount) saves what is still unsaved.
    fail = false;
    rerender({ text: 'typed while offline', resume: 1 });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10);
    });
    expect(sent).toEqual(['typed while offline', 'typed while offline']);
    expect(result.current.saveState.kind).toBe('saved');
    expect(result.current.dirty).toBe(false);
    vi.useRealTimers();
  });

  it('does not send a value that fails validation, and says why', async () => {
    vi.useFakeTimers();
    const save = vi.fn(() => Promise.resolve());
    const { result, rerender } = renderHook(({ text }) => useAutosave(text, save, { resumeCount: 0, delayMs: 50, validate: (v) => (v.includes('!') ? 'session.cptCodes must be a five-digit CPT code' : null) }), {
      initialProps: { text: 'a' },
    });
    rerender({ text: 'a!' });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(100);
    });
    expect(save).not.toHaveBeenCalled();
    expect(result.current.saveState).toEqual({ kind: 'failed', message: 'Not saved yet: session.cptCodes must be a five-digit CPT code.' });
    vi.useRealTimers();
  });
});
