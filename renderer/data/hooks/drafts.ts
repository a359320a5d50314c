import { useCallback, useEffect, useRef, useState } from 'react';
import { useWorkspace } from './AppDataProvider';

/**
 * A form's unsaved state, written on every change so a reload or a crash loses nothing. Kept
 * per signed-in user; `clear` after the real save.
 */
export function useDraft<T>(key: string): { draft: T | null; saveDraft: (value: T) => void; clearDraft: () => void } {
  const { drafts } = useWorkspace();
  const [draft] = useState<T | null>(() => drafts.get<T>(key));
  const keyRef = useRef(key);
  useEffect(() => {
    keyRef.current = key;
  }, [key]);
  const saveDraft = useCallback((value: T) => drafts.set(keyRef.current, value), [drafts]);
  const clearDraft = useCallback(() => drafts.delete(keyRef.current), [drafts]);
  return { draft, saveDraft, clearDraft };
}
