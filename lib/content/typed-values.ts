/**
 * The forms' text fields count only as the user typed them: a value the page wrote into *Time
 * spent*, *Estimate* or *Summary* (with or without an `input` event) makes the user's own Enter
 * or click on that form submit nothing; an emptied field is always fine (the widget empties its
 * fields after a log). Loaded with the forms (they are the only text fields), after
 * user-input.ts's checks on the same shadow root, so its listeners run after those.
 */
import { isTrusted, submittedForm, type Trusted } from './user-input';

/** Fields whose value must be the user's own typing (dates and the like may be filled by tools). */
function isTextField(el: Element): el is HTMLInputElement {
  return el instanceof HTMLInputElement && (el.type === 'text' || el.type === 'search' || el.type === '');
}

export function acceptOnlyTypedValues(root: ShadowRoot, trusted: Trusted = isTrusted): void {
  /** What the user last typed into each text field. */
  const typed = new WeakMap<HTMLInputElement, string>();
  root.addEventListener(
    'input',
    (event) => {
      const field = event.target as Element;
      if (trusted(event) && isTextField(field)) typed.set(field, field.value);
    },
    true,
  );
  const listener = (event: Event) => {
    const form = submittedForm(event);
    // The page wrote into a field: nothing is submitted.
    if (form && ![...form.elements].filter(isTextField).every((f) => f.value === '' || f.value === typed.get(f))) {
      event.stopImmediatePropagation();
      event.preventDefault();
    }
  };
  for (const type of ['click', 'keydown', 'keypress']) root.addEventListener(type, listener, true);
}
