import { useCallback, useSyncExternalStore } from 'react';
import { TextSizeSetting, type TextSize } from '../core/textSize';
import { useAuth } from './AppDataProvider';

let setting: TextSizeSetting | null = null;
const settingOf = () => (setting ??= new TextSizeSetting(localStorage));

/** The signed-in person's 字号 and a way to change it (the sign-in page: the last one chosen here). */
export function useTextSize(): { size: TextSize; setSize: (size: TextSize) => void } {
  const userId = useAuth().session?.user.id ?? null;
  const current = settingOf();
  const size = useSyncExternalStore(
    useCallback((listener: () => void) => current.subscribe(listener), [current]),
    () => current.read(userId),
  );
  const setSize = useCallback((next: TextSize) => {
    if (userId) current.write(userId, next);
  }, [current, userId]);
  return { size, setSize };
}
