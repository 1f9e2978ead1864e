/**
 * Only the user makes the widget act. Its shadow root is open (assistive technology and tests
 * look inside), so the page's own scripts can reach its controls too: a hostile script could
 * click "Start timer", or fill "Time spent" and submit. It cannot make trusted events, though:
 * - clicks, key presses and submissions a script made (`isTrusted` false) are stopped at the
 *   shadow root, before the widget's handlers see them and before their default action (a
 *   synthetic click on a submit button would otherwise submit);
 * - a form submission counts only inside the user's own Enter key or click on that form's submit
 *   button: `form.requestSubmit()` from a page script fires a *trusted* submit event by itself;
 * - a control the page moved the focus to cannot be activated from the keyboard (Enter or Space
 *   on a focused button): only focus the user moved there (Tab, a pointer) counts. A mouse click
 *   on a control is the user's wherever the focus was.
 * The forms' text fields take only what the user typed (typed-values.ts, loaded with the forms).
 * Synthetic `input`/`change` events still pass (they only fill fields): tools that fill date and
 * select fields for people (and tests) make them. What remains is in SECURITY.md.
 */
/** What the widget's handlers and the browser's default actions respond to (input and change only fill fields). */
const ACTING_EVENTS = ['click', 'keydown', 'keypress', 'submit'];
/** Focus that arrives within this long of the user's Tab or pointer press was moved by the user. */
const GESTURE_MS = 1_000;

export type Trusted = (event: Event) => boolean;
export const isTrusted: Trusted = (event) => event.isTrusted;

/** Whether `event` (a click or key press) would submit its form: a submit button's click, Enter in a field. */
export function submittedForm(event: Event): HTMLFormElement | null {
  const target = event.target as HTMLElement;
  const control = target.closest?.('button, input') as HTMLButtonElement | HTMLInputElement | null;
  // Browsers submit on Enter as the key press's default action (keydown, then keypress).
  const submits = event.type === 'click' ? control?.type === 'submit' : (event as KeyboardEvent).key === 'Enter' && target.tagName === 'INPUT';
  return (event.type !== 'submit' && submits && control?.form) || null;
}

/** `trusted` is `event.isTrusted` (injectable for unit tests, which cannot make trusted events). */
export function acceptOnlyUserInput(root: ShadowRoot, trusted: Trusted = isTrusted): void {
  /** The form the user's current Enter key or submit click may submit; forgotten once that task ends. */
  let submitting: HTMLFormElement | null = null;
  let lastGesture = -Infinity;
  let focusedByUser = false;

  const gesture = (event: Event) => {
    if (trusted(event) && (event.type !== 'keydown' || (event as KeyboardEvent).key === 'Tab')) lastGesture = Date.now();
  };
  for (const type of ['keydown', 'pointerdown', 'mousedown']) root.host.ownerDocument.addEventListener(type, gesture, true);
  root.addEventListener('focusin', () => (focusedByUser = Date.now() - lastGesture < GESTURE_MS), true);

  const listener = (event: Event) => {
    const target = event.target as HTMLElement;
    const key = (event as KeyboardEvent).key;
    // A keyboard activation (Enter or Space on a button; the click it makes has no pointer
    // position count) counts only on a control the user moved the focus to.
    const fromKeyboard = (event.type === 'click' && (event as MouseEvent).detail === 0) || (event.type === 'keydown' && (key === 'Enter' || key === ' '));
    if (!trusted(event) || (event.type === 'submit' && target !== submitting) || (fromKeyboard && target.closest?.('button') && !focusedByUser)) {
      event.stopImmediatePropagation();
      event.preventDefault();
      return;
    }
    const form = submittedForm(event);
    if (form) {
      submitting = form;
      setTimeout(() => (submitting = null));
    }
  };
  for (const type of ACTING_EVENTS) root.addEventListener(type, listener, true);
}
