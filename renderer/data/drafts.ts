import { useCallback, useEffect, useRef, useState } from 'react';
import { useWorkspace } from './AppDataProvider';

const PREFIX = 'jiuzhu:draft:';

/**
 * A form's unsaved state, written on every change so a reload or a crash loses nothing. Kept
 * per signed-in user; `clear` after the real save.
 */
export function useDraft<T>(key: string): { draft: T | null; saveDraft: (value: T) => void; clearDraft: () => void } {
  const { session } = useWorkspace();
  const storageKey = `${PREFIX}${session.user.id}:${key}`;
  const [draft] = useState<T | null>(() => {
    try {
      const raw = localStorage.getItem(storageKey);
      return raw ? (JSON.parse(raw) as T) : null;
    } catch {
      return null;
    }
  });
  const keyRef = useRef(storageKey);
  useEffect(() => {
    keyRef.current = storageKey;
  }, [storageKey]);
  const saveDraft = useCallback((value: T) => localStorage.setItem(keyRef.current, JSON.stringify(value)), []);
  const clearDraft = useCallback(() => localStorage.removeItem(keyRef.current), []);
  return { draft, saveDraft, clearDraft };
}
