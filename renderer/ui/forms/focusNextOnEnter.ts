import type { KeyboardEvent } from 'react';

/** What Enter can move to: text inputs and the form's submit button (never 删除 or 添加). */
const STOPS = 'input, textarea, button[type="submit"]';
const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'submit', 'button', 'file', 'hidden', 'reset']);

function isStop(element: HTMLElement): boolean {
  if (element.tabIndex < 0) return false;
  if (element.getClientRects().length === 0) return false; // not rendered
  if (element instanceof HTMLInputElement) {
    if (element.disabled || NON_TEXT_INPUTS.has(element.type)) return false;
    // A Select's input is read-only unless searchable, but it is still a field to visit.
    if (element.readOnly && element.getAttribute('role') !== 'combobox') return false;
    return true;
  }
  if (element instanceof HTMLTextAreaElement) return !element.disabled && !element.readOnly;
  if (element instanceof HTMLButtonElement) return !element.disabled;
  return false;
}

/**
 * `onKeyDown` for a data-entry form: Enter in a one-line input moves to the next field instead
 * of submitting, as people used to paper forms and Excel expect. Left alone: Enter in a text
 * area (new line), in a Select or date picker popup (choosing), on a button (pressing it), and
 * while a Chinese input method is composing (confirming the pinyin).
 */
export function focusNextOnEnter(event: KeyboardEvent<HTMLFormElement>): void {
  if (event.key !== 'Enter' || event.nativeEvent.isComposing || event.shiftKey) return;
  const target = event.target;
  if (!(target instanceof HTMLInputElement) || NON_TEXT_INPUTS.has(target.type)) return;
  if (target.getAttribute('role') === 'combobox') return;
  event.preventDefault();
  const stops = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(STOPS)).filter(
    (element) => element === target || isStop(element),
  );
  const next = stops[stops.indexOf(target) + 1];
  next?.focus();
}
