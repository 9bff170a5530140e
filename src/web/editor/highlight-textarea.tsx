/**
 * A plain-text area that shows lint findings as highlights behind the text (a mirrored
 * backdrop under a transparent textarea). The textarea is the real control: labelled,
 * focusable, selectable, read by screen readers; the mirror is decoration only. Text is
 * always rendered as React text nodes, never as HTML.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, type Ref } from 'react';
import type { Severity } from '../../core/rules/index.ts';
import classes from './highlight-textarea.module.css';

export interface Highlight {
  readonly start: number;
  readonly end: number;
  readonly severity: Severity;
}

export interface HighlightTextareaProps {
  readonly id: string;
  readonly label: string;
  readonly hint?: string | undefined;
  readonly value: string;
  readonly onChange?: ((value: string) => void) | undefined;
  readonly highlights?: readonly Highlight[] | undefined;
  readonly readOnly?: boolean | undefined;
  /** Extra ids for `aria-describedby` (e.g. the private-note notice). */
  readonly describedBy?: string | undefined;
  readonly textareaRef?: Ref<HTMLTextAreaElement> | undefined;
  readonly minRows?: number | undefined;
  readonly className?: string | undefined;
}

interface Piece {
  readonly text: string;
  readonly severity: Severity | undefined;
}

/** Cuts `text` at highlight boundaries; overlapping highlights take the stronger severity. */
export function highlightPieces(text: string, highlights: readonly Highlight[]): Piece[] {
  const cuts = new Set<number>([0, text.length]);
  for (const h of highlights) {
    if (h.end <= h.start) continue;
    cuts.add(Math.max(0, Math.min(h.start, text.length)));
    cuts.add(Math.max(0, Math.min(h.end, text.length)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    if (b <= a) continue;
    const covering = highlights.filter((h) => h.start <= a && b <= h.end && h.end > h.start);
    const severity = covering.some((h) => h.severity === 'error') ? 'error' : covering.length > 0 ? 'warning' : undefined;
    pieces.push({ text: text.slice(a, b), severity });
  }
  return pieces;
}

/** Labelled textarea with lint highlights drawn behind the text. */
export function HighlightTextarea({
  id,
  label,
  hint,
  value,
  onChange,
  highlights = [],
  readOnly,
  describedBy,
  textareaRef,
  minRows = 3,
  className,
}: HighlightTextareaProps) {
  const backdrop = useRef<HTMLDivElement>(null);
  const own = useRef<HTMLTextAreaElement | null>(null);
  const pieces = useMemo(() => highlightPieces(value, highlights), [value, highlights]);
  const errors = highlights.filter((h) => h.severity === 'error').length;
  const flagged = highlights.length;

  const setRefs = useCallback(
    (el: HTMLTextAreaElement | null) => {
      own.current = el;
      if (typeof textareaRef === 'function') textareaRef(el);
      else if (textareaRef) textareaRef.current = el;
    },
    [textareaRef],
  );

  // Grow with the content so the mirror never has to scroll; a user resize still works.
  useLayoutEffect(() => {
    const el = own.current;
    if (!el || el.scrollHeight === 0) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight + 2}px`;
  }, [value]);

  const syncScroll = (): void => {
    if (own.current && backdrop.current) backdrop.current.scrollTop = own.current.scrollTop;
  };

  const hintId = hint ? `${id}-hint` : undefined;
  const statusId = `${id}-status`;
  const described = [hintId, flagged > 0 ? statusId : undefined, describedBy].filter(Boolean).join(' ') || undefined;

  return (
    <div className={className}>
      <label htmlFor={id} className={classes.label}>
        {label}
      </label>
      {hint && (
        <div id={hintId} className={classes.hint}>
          {hint}
        </div>
      )}
      <div className={classes.wrap}>
        <div ref={backdrop} className={classes.backdrop} aria-hidden="true" data-testid={`${id}-backdrop`}>
          {pieces.map((p, i) =>
            p.severity ? (
              <mark key={i} className={`${classes.mark} ${classes[p.severity]}`} data-severity={p.severity}>
                {p.text}
              </mark>
            ) : (
              <span key={i}>{p.text}</span>
            ),
          )}
          {/* A trailing newline needs a character after it to take up a line in the mirror. */}
          {value.endsWith('\n') ? ' ' : null}
        </div>
        <textarea
          ref={setRefs}
          id={id}
          className={classes.input}
          value={value}
          rows={minRows}
          readOnly={readOnly}
          spellCheck
          aria-invalid={errors > 0 ? true : undefined}
          aria-describedby={described}
          onChange={(e) => onChange?.(e.currentTarget.value)}
          onScroll={syncScroll}
        />
      </div>
      {flagged > 0 && (
        <div id={statusId} className={classes.status} style={{ color: errors > 0 ? 'var(--mantine-color-red-9)' : 'var(--mantine-color-orange-9)' }}>
          {flagged === 1 ? '1 finding' : `${flagged} findings`} in this field ({errors} {errors === 1 ? 'error' : 'errors'})
        </div>
      )}
    </div>
  );
}
