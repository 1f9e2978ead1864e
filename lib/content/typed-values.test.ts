/**
 * The forms' text fields take only the user's own typing (typed-values.ts, on top of
 * user-input.ts's checks, installed in the same order as the widget does).
 */
import { describe, expect, it, vi } from 'vitest';
import { acceptOnlyUserInput } from './user-input';
import { acceptOnlyTypedValues } from './typed-values';

/** Events marked `user` stand for trusted ones (a unit test cannot make those). */
const mark = <E extends Event>(event: E): E => Object.assign(event, { user: true });
const byUser = (event: Event) => (event as Event & { user?: boolean }).user === true;

function setup() {
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  acceptOnlyUserInput(root, byUser);
  acceptOnlyTypedValues(root, byUser);
  root.innerHTML = '<form><input name="spent"><input type="date" name="day"><button type="submit">Log time</button></form>';
  const submitted = vi.fn();
  const form = root.querySelector('form')!;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submitted();
  });
  const [input, day] = [...root.querySelectorAll('input')] as [HTMLInputElement, HTMLInputElement];
  const submit = root.querySelector('button[type="submit"]') as HTMLButtonElement;
  /** The user's click on the submit button: the click, then the submission it causes. */
  const userSubmits = () => {
    const click = mark(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, detail: 1 }));
    submit.dispatchEvent(click);
    if (!click.defaultPrevented) form.dispatchEvent(mark(new SubmitEvent('submit', { bubbles: true, cancelable: true, submitter: submit })));
  };
  /** The user's Enter in the duration field: the key, then the submission it causes. */
  const userPressesEnter = () => {
    const key = mark(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));
    input.dispatchEvent(key);
    if (!key.defaultPrevented) form.dispatchEvent(mark(new SubmitEvent('submit', { bubbles: true, cancelable: true })));
  };
  const userTypes = (text: string) => {
    input.value = text;
    input.dispatchEvent(mark(new Event('input', { bubbles: true, composed: true })));
  };
  return { input, day, submitted, userSubmits, userPressesEnter, userTypes };
}

describe('acceptOnlyTypedValues', () => {
  it('submits what the user typed, by click or by Enter', () => {
    const { userTypes, userSubmits, userPressesEnter, submitted } = setup();
    userTypes('45m');
    userSubmits();
    userPressesEnter();
    expect(submitted).toHaveBeenCalledTimes(2);
  });

  it("submits nothing when the page wrote into a field, even with the user's own click or Enter", () => {
    const { input, userTypes, userSubmits, userPressesEnter, submitted } = setup();
    userTypes('45m');
    input.value = '-10mo';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    userSubmits();
    userPressesEnter();
    input.value = '8h'; // no event at all
    userSubmits();
    expect(submitted).not.toHaveBeenCalled();
  });

  it('an emptied field (the widget clears its fields after a log) is fine', () => {
    const { input, userTypes, userSubmits, submitted } = setup();
    userTypes('45m');
    input.value = '';
    userSubmits();
    expect(submitted).toHaveBeenCalledTimes(1);
  });

  it('a date a tool filled in does not block the log (only text fields must be typed)', () => {
    const { day, userTypes, userSubmits, submitted } = setup();
    userTypes('45m');
    day.value = '2026-01-02';
    day.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    userSubmits();
    expect(submitted).toHaveBeenCalledTimes(1);
  });
});
