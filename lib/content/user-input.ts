/**
 * Only the user makes the widget act. Its shadow root is open (assistive technology and tests
 * look inside), so the page's own scripts can reach its controls too: a hostile script could
 * click "Start timer", or fill "Time spent" and submit. It cannot make trusted events, though:
 * - clicks and key presses a script made (`isTrusted` false) are stopped at the shadow root,
 *   before the widget's handlers see them and before their default action (a synthetic click on
 *   a submit button would otherwise submit);
 * - a form submission counts only inside the user's own Enter key or click on that form's submit
 *   button: `form.requestSubmit()` from a page script fires a *trusted* submit event by itself.
 * Synthetic `input`/`change` events still pass: filling a field acts on nothing until the user
 * submits, and tools that fill date and select fields for people (and tests) make them.
 */
const ACTING_EVENTS = ['click', 'auxclick', 'dblclick', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'keydown', 'keyup', 'keypress', 'submit', 'reset'];

function refuse(event: Event): void {
  event.stopImmediatePropagation();
  event.preventDefault();
}

export function acceptOnlyUserInput(root: ShadowRoot): void {
  /** The form the user's current key press or click may submit; cleared once that task ends. */
  let submitting: HTMLFormElement | null = null;
  const arm = (form: HTMLFormElement | null) => {
    submitting = form;
    setTimeout(() => (submitting = null), 0);
  };
  for (const type of ACTING_EVENTS) root.addEventListener(type, (event) => !event.isTrusted && refuse(event), true);
  // Browsers submit on Enter as the key press's default action (keypress, after keydown).
  const onEnter = (event: Event) => {
    const target = event.target as HTMLElement;
    if (event.isTrusted && (event as KeyboardEvent).key === 'Enter' && target.tagName === 'INPUT') arm((target as HTMLInputElement).form);
  };
  root.addEventListener('keydown', onEnter, true);
  root.addEventListener('keypress', onEnter, true);
  root.addEventListener(
    'click',
    (event) => {
      const button = (event.target as HTMLElement).closest?.('button, input');
      if (event.isTrusted && button && (button as HTMLButtonElement).type === 'submit') arm((button as HTMLButtonElement).form);
    },
    true,
  );
  root.addEventListener('submit', (event) => event.target !== submitting && refuse(event), true);
}
