/**
 * Only the user makes the widget act. Its shadow root is open (assistive technology and tests
 * look inside), so the page's own scripts can reach its controls too: a hostile script could
 * click "Start timer", or fill "Time spent" and submit. It cannot make trusted events, though:
 * - clicks, key presses and submissions a script made (`isTrusted` false) are stopped at the
 *   shadow root, before the widget's handlers see them and before their default action (a
 *   synthetic click on a submit button would otherwise submit);
 * - a form submission counts only inside the user's own Enter key or click on that form's submit
 *   button: `form.requestSubmit()` from a page script fires a *trusted* submit event by itself.
 * - a text field's value counts only as the user typed it: a value the page wrote into it (with or
 *   without an `input` event) makes the user's Enter or click submit nothing; an emptied field is
 *   always fine (the widget empties its fields after a log);
 * - a control the page moved the focus to cannot be activated from the keyboard (Enter or Space
 *   on a focused button): only focus the user moved there (Tab, a pointer) counts. A mouse click
 *   on a control is the user's wherever the focus was.
 * Synthetic `input`/`change` events still pass (they only fill fields): tools that fill date and
 * select fields for people (and tests) make them. What remains is in SECURITY.md.
 */
/** What the widget's handlers and the browser's default actions respond to (input and change only fill fields). */
const ACTING_EVENTS = ['click', 'keydown', 'keypress', 'submit'];
/** Focus that arrives within this long of the user's Tab or pointer press was moved by the user. */
const GESTURE_MS = 1_000;

/** Fields whose value must be the user's own typing (dates and the like may be filled by tools). */
function isTextField(el: Element): el is HTMLInputElement {
  return el instanceof HTMLInputElement && (el.type === 'text' || el.type === 'search' || el.type === '');
}

/** `trusted` is `event.isTrusted` (injectable for unit tests, which cannot make trusted events). */
export function acceptOnlyUserInput(root: ShadowRoot, trusted: (event: Event) => boolean = (event) => event.isTrusted): void {
  /** The form the user's current Enter key or submit click may submit; forgotten once that task ends. */
  let submitting: HTMLFormElement | null = null;
  /** What the user last typed into each text field. */
  const typed = new WeakMap<HTMLInputElement, string>();
  let lastGesture = -Infinity;
  let focusedByUser = false;

  const doc = root.host.ownerDocument;
  const gesture = (event: Event) => {
    if (trusted(event) && (event.type !== 'keydown' || (event as KeyboardEvent).key === 'Tab')) lastGesture = Date.now();
  };
  for (const type of ['keydown', 'pointerdown', 'mousedown']) doc.addEventListener(type, gesture, true);
  root.addEventListener('focusin', () => (focusedByUser = Date.now() - lastGesture < GESTURE_MS), true);
  root.addEventListener(
    'input',
    (event) => {
      const field = event.target as Element;
      if (trusted(event) && isTextField(field)) typed.set(field, field.value);
    },
    true,
  );
  /** Every text field of the form holds what the user typed (or nothing). */
  const usersValues = (form: HTMLFormElement) => [...form.elements].filter(isTextField).every((f) => f.value === '' || f.value === typed.get(f));

  const listener = (event: Event) => {
    const target = event.target as HTMLElement;
    const control = target.closest?.('button, input') as HTMLButtonElement | HTMLInputElement | null;
    const key = (event as KeyboardEvent).key;
    // A keyboard activation (Enter or Space on a button; the click it makes has no pointer
    // position count) counts only on a control the user moved the focus to.
    const fromKeyboard = (event.type === 'click' && (event as MouseEvent).detail === 0) || (event.type === 'keydown' && (key === 'Enter' || key === ' '));
    const refused =
      !trusted(event) || (event.type === 'submit' && target !== submitting) || (fromKeyboard && control?.tagName === 'BUTTON' && !focusedByUser);
    if (refused) {
      event.stopImmediatePropagation();
      event.preventDefault();
      return;
    }
    // Browsers submit on Enter as the key press's default action (keydown, then keypress).
    const submits = event.type === 'click' ? control?.type === 'submit' : key === 'Enter' && target.tagName === 'INPUT';
    if (event.type !== 'submit' && submits && control?.form) {
      if (!usersValues(control.form)) {
        // The page wrote into a field: nothing is submitted.
        event.stopImmediatePropagation();
        event.preventDefault();
        return;
      }
      submitting = control.form;
      setTimeout(() => (submitting = null));
    }
  };
  for (const type of ACTING_EVENTS) root.addEventListener(type, listener, true);
}
