import { useEffect, useState } from 'react';

const query = '(prefers-reduced-motion: reduce)';

/**
 * The system's "reduce motion" setting (Windows: 显示动画 off). Dialogs and menus then appear at
 * once instead of zooming in — easier to follow for some, and a button does not move under the
 * pointer while it is being clicked.
 */
export function usePrefersReducedMotion(): boolean {
  const [reduced, setReduced] = useState(() => typeof matchMedia === 'function' && matchMedia(query).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return undefined;
    const media = matchMedia(query);
    const update = () => setReduced(media.matches);
    media.addEventListener('change', update);
    update();
    return () => media.removeEventListener('change', update);
  }, []);
  return reduced;
}
