/**
 * Only the user makes the widget act. Its shadow root is open (assistive technology and tests
 * look inside), so the page's own scripts can reach its controls too: a hostile script could
 * click "Start timer", or fill "Time spent" and submit. It cannot make trusted events, though:
 * - clicks, key presses and submissions a script made (`isTrusted` false) are stopped at the
 *   shadow root, before the widget's handlers see them and before their default action (a
 *   synthetic click on a submit button would otherwise submit);
 * - a form submission counts only inside the user's own Enter key or click on that form's submit
 *   button: `form.requestSubmit()` from a page script fires a *trusted* submit event by itself.
 * Synthetic `input`/`change` events still pass: filling a field acts on nothing until the user
 * submits, and tools that fill date and select fields for people (and tests) make them.
 */
/** What the widget's handlers and the browser's default actions respond to (input and change only fill fields). */
const ACTING_EVENTS = ['click', 'keydown', 'keypress', 'submit'];

export function acceptOnlyUserInput(root: ShadowRoot): void {
  /** The form the user's current Enter key or submit click may submit; forgotten once that task ends. */
  let submitting: HTMLFormElement | null = null;
  const listener = (event: Event) => {
    const target = event.target as HTMLElement;
    if (!event.isTrusted || (event.type === 'submit' && target !== submitting)) {
      event.stopImmediatePropagation();
      event.preventDefault();
      return;
    }
    const control = target.closest?.('button, input') as HTMLButtonElement | HTMLInputElement | null;
    // Browsers submit on Enter as the key press's default action (keydown, then keypress).
    const submits = event.type === 'click' ? control?.type === 'submit' : (event as KeyboardEvent).key === 'Enter' && target.tagName === 'INPUT';
    if (event.type !== 'submit' && submits && control?.form) {
      submitting = control.form;
      setTimeout(() => (submitting = null));
    }
  };
  for (const type of ACTING_EVENTS) root.addEventListener(type, listener, true);
}
