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
