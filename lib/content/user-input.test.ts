/**
 * Events a page script makes never reach the widget's handlers. (Trusted events cannot be made in
 * a unit test; the end-to-end tests drive the widget with real clicks and keys, and a hostile page
 * script in tests/e2e/chromium/security.spec.ts.)
 */
import { describe, expect, it, vi } from 'vitest';
import { acceptOnlyUserInput } from './user-input';

function widget() {
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  acceptOnlyUserInput(root);
  root.innerHTML = '<form><input name="spent"><button type="submit">Log time</button></form><button type="button">Start timer</button>';
  const seen = vi.fn();
  for (const type of ['click', 'input', 'submit', 'keydown']) root.addEventListener(type, (e) => seen(type, (e.target as HTMLElement).tagName));
  const form = root.querySelector('form')!;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    seen('handled submit');
  });
  return { root, form, seen, start: root.querySelectorAll('button')[1]!, input: root.querySelector('input')! };
}

describe('acceptOnlyUserInput', () => {
  it('stops clicks and key presses a script made', () => {
    const { start, input, seen } = widget();
    start.click();
    start.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(seen).not.toHaveBeenCalled();
  });

  it('lets a filled field through: it acts on nothing until the user submits', () => {
    const { input, seen } = widget();
    input.value = '8h';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    expect(seen).toHaveBeenCalledWith('input', 'INPUT');
  });

  it('stops a submission a script asked for', () => {
    const { form, seen } = widget();
    form.requestSubmit();
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    expect(seen).not.toHaveBeenCalled();
  });

  it('a stopped synthetic click on the submit button does not submit either', () => {
    const { root, seen } = widget();
    (root.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    expect(seen).not.toHaveBeenCalled();
  });
});

/** Events marked `user` stand for trusted ones (a unit test cannot make those). */
const mark = <E extends Event>(event: E): E => Object.assign(event, { user: true });
const byUser = (event: Event) => (event as Event & { user?: boolean }).user === true;

describe("acceptOnlyUserInput, with the user's own events", () => {
  function setup() {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    acceptOnlyUserInput(root, byUser);
    root.innerHTML = '<button type="button">Discard timer</button>';
    const clicked = vi.fn();
    const discard = root.querySelector('button')!;
    discard.addEventListener('click', clicked);
    return { discard, clicked };
  }

  it('Enter or Space on a button the page focused does nothing; after the user tabbed there it acts', () => {
    const { discard, clicked } = setup();
    discard.focus(); // the page moved the focus
    discard.dispatchEvent(mark(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true })));
    discard.dispatchEvent(mark(new KeyboardEvent('keydown', { key: ' ', bubbles: true, composed: true, cancelable: true })));
    discard.dispatchEvent(mark(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, detail: 0 })));
    expect(clicked).not.toHaveBeenCalled();

    discard.blur();
    document.dispatchEvent(mark(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true })));
    discard.focus();
    discard.dispatchEvent(mark(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, detail: 0 })));
    expect(clicked).toHaveBeenCalledTimes(1);
  });

  it('a Tab key the page made does not count as the user moving the focus', () => {
    const { discard, clicked } = setup();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true }));
    discard.focus();
    discard.dispatchEvent(mark(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, detail: 0 })));
    expect(clicked).not.toHaveBeenCalled();
  });

  it("a pointer click is the user's wherever the focus was", () => {
    const { discard, clicked } = setup();
    discard.focus();
    discard.dispatchEvent(mark(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, detail: 1 })));
    expect(clicked).toHaveBeenCalledTimes(1);
  });
});
