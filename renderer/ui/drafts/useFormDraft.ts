import { useCallback, useEffect, useRef, useState } from 'react';
import type { FieldValues, UseFormReset, UseFormWatch } from 'react-hook-form';
import { useDraft } from '../../data';
import { mergeDraft } from './mergeDraft';
import { useLeaveGuard } from './useLeaveGuard';

/** What is kept for a form: its values and when they were kept. */
interface KeptDraft<T> {
  values: T;
  savedAt: number;
}

export interface FormDraft<T> {
  /** What the form opens with: the kept draft laid over the fresh values, or the fresh values. */
  start: T;
  /** When the draft shown was kept; null when there was none, or once 继续填写 is clicked. */
  restoredAt: number | null;
  /** Changes when the draft is discarded: key the form with it, so it starts again from fresh values. */
  generation: number;
  /** Every change: kept sealed at once (nothing after `saved`). */
  keep: (values: T) => void;
  /** 放弃草稿: the draft is gone and the form starts again. */
  discard: () => void;
  /** 继续填写: the notice goes, the draft stays. */
  dismiss: () => void;
  /** The record is saved: the draft is gone and nothing more is kept, so leaving asks nothing. */
  saved: () => void;
}

/**
 * One form's sealed draft (`useDraft`, per signed-in user, under `key`) and the question before
 * leaving it (`useLeaveGuard`) while the draft holds something. `fresh` makes the form's empty or
 * current-record values; it is called when the form opens and when the draft is discarded.
 * `enabled: false` (a read-only view) keeps nothing and asks nothing.
 */
export function useFormDraft<T>(key: string, fresh: () => T, { enabled = true }: { enabled?: boolean } = {}): FormDraft<T> {
  const { draft, saveDraft, clearDraft } = useDraft<KeptDraft<T>>(key);
  const [state, setState] = useState(() => {
    const restored = enabled && draft ? draft : null;
    return {
      start: restored ? mergeDraft(fresh(), restored.values) : fresh(),
      restoredAt: restored?.savedAt ?? null,
      generation: 0,
    };
  });
  const unsaved = useRef(enabled && draft !== null);
  const done = useRef(!enabled);
  const freshValues = useRef(fresh);
  useEffect(() => {
    freshValues.current = fresh;
  }, [fresh]);

  const isUnsaved = useCallback(() => unsaved.current, []);
  useLeaveGuard(isUnsaved);

  const keep = useCallback(
    (values: T) => {
      if (done.current) return;
      unsaved.current = true;
      // A copy: the form goes on changing its own object after this.
      saveDraft({ values: JSON.parse(JSON.stringify(values)) as T, savedAt: Date.now() });
    },
    [saveDraft],
  );
  const discard = useCallback(() => {
    clearDraft();
    unsaved.current = false;
    setState((previous) => ({ start: freshValues.current(), restoredAt: null, generation: previous.generation + 1 }));
  }, [clearDraft]);
  const dismiss = useCallback(() => setState((previous) => ({ ...previous, restoredAt: null })), []);
  const saved = useCallback(() => {
    done.current = true;
    unsaved.current = false;
    clearDraft();
  }, [clearDraft]);

  return { ...state, keep, discard, dismiss, saved };
}

/** Hands every change of a react-hook-form to `keep` (see `useFormDraft`). */
export function useKeepOnChange<T extends FieldValues>(watch: UseFormWatch<T>, keep: (values: T) => void): void {
  const keepRef = useRef(keep);
  useEffect(() => {
    keepRef.current = keep;
  }, [keep]);
  useEffect(() => {
    // A change names its field (or list); a reset or an unregister names none and is not typing.
    const subscription = watch((values, { name }) => {
      if (name !== undefined) keepRef.current(values as T);
    });
    return () => subscription.unsubscribe();
  }, [watch]);
}

/** For a form that is not remounted with `generation`: 放弃草稿 resets it to the fresh values. */
export function useResetOnDiscard<T extends FieldValues>(draft: Pick<FormDraft<T>, 'generation' | 'start'>, reset: UseFormReset<T>): void {
  const { generation, start } = draft;
  useEffect(() => {
    if (generation > 0) reset(start);
  }, [generation, start, reset]);
}
