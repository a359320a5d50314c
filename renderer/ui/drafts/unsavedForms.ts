/**
 * The forms open now that hold changes not yet saved, each as a question asked when needed
 * (signing out asks first when any answers yes). One window, so one list for the whole app.
 */
const openForms = new Set<() => boolean>();

/** Adds a form; the function returned takes it off again (when the form closes). */
export function registerOpenForm(isUnsaved: () => boolean): () => void {
  openForms.add(isUnsaved);
  return () => {
    openForms.delete(isUnsaved);
  };
}

export function anyFormUnsaved(): boolean {
  for (const isUnsaved of openForms) if (isUnsaved()) return true;
  return false;
}
