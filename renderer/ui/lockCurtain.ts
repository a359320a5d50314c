/**
 * While the app is locked, every part of the page but the lock screen — the signed-in pages,
 * which stay mounted so a half-filled form is exactly as it was, and any open dialog or message
 * — is hidden from sight, from the keyboard and from screen readers (`visibility: hidden`,
 * `inert`, `aria-hidden`). Hidden rather than removed from the layout, so the page keeps its
 * scroll position; the position, and the field that had the focus, are put back when the
 * curtain lifts all the same.
 * `focused` is what had the focus before the lock screen took it. Returns the function that lifts it.
 */
export function drawCurtain(lockScreen: Element, focused: Element | null): () => void {
  const body = lockScreen.ownerDocument.body;
  const view = lockScreen.ownerDocument.defaultView;
  const scroll = view ? { x: view.scrollX, y: view.scrollY } : null;
  const hidden = new Map<HTMLElement, { visibility: string; inert: boolean; ariaHidden: string | null }>();

  const hide = (element: Element) => {
    if (element === lockScreen || element.contains(lockScreen) || !(element instanceof HTMLElement) || hidden.has(element)) return;
    hidden.set(element, { visibility: element.style.visibility, inert: element.inert, ariaHidden: element.getAttribute('aria-hidden') });
    element.style.visibility = 'hidden';
    element.inert = true;
    element.setAttribute('aria-hidden', 'true');
  };
  for (const child of Array.from(body.children)) hide(child);
  // A dialog or message that opens while locked (a sync notice) is hidden as well.
  const observer = new MutationObserver((changes) => {
    for (const change of changes) for (const node of Array.from(change.addedNodes)) if (node instanceof Element) hide(node);
  });
  observer.observe(body, { childList: true });

  return () => {
    observer.disconnect();
    for (const [element, before] of hidden) {
      element.style.visibility = before.visibility;
      element.inert = before.inert;
      if (before.ariaHidden === null) element.removeAttribute('aria-hidden');
      else element.setAttribute('aria-hidden', before.ariaHidden);
    }
    if (view && scroll) view.scrollTo(scroll.x, scroll.y);
    // Back in the field that was being typed in.
    if (focused instanceof HTMLElement && focused !== body && focused.isConnected) focused.focus({ preventScroll: true });
  };
}
