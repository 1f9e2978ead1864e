// For the tests of these components only: find elements the way assistive
// technology (and the end-to-end tests) do, by role and accessible name. A small
// subset of the accessible name computation, enough for the markup here.

const TEXTBOX_TYPES = new Set(['', 'text', 'email', 'tel', 'url', 'date', 'datetime-local', 'month', 'week', 'time', 'password']);

const ROLE_SELECTORS: Record<string, string> = {
  button: 'button, [role="button"], input[type="submit"], input[type="button"]',
  link: 'a[href], [role="link"]',
  textbox: 'input, textarea, [role="textbox"]',
  table: 'table, [role="table"]',
  img: '[role="img"], img',
  heading: 'h1, h2, h3, h4, h5, h6, [role="heading"]',
  navigation: 'nav, [role="navigation"]',
  alert: '[role="alert"]',
  group: 'fieldset, [role="group"]',
};

const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

function hasRole(el: Element, role: string): boolean {
  if (role !== 'textbox' || el.getAttribute('role') === 'textbox' || el.tagName === 'TEXTAREA') return true;
  return TEXTBOX_TYPES.has((el.getAttribute('type') ?? '').toLowerCase());
}

export function accessibleName(el: Element): string {
  const doc = el.ownerDocument;
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) return squash(labelledBy.split(/\s+/).map((id) => doc.getElementById(id)?.textContent ?? '').join(' '));
  const label = el.getAttribute('aria-label');
  if (label) return squash(label);
  if (el.id && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT')) {
    const forLabel = doc.querySelector(`label[for="${el.id}"]`);
    if (forLabel) return squash(forLabel.textContent);
  }
  const wrapping = el.closest('label');
  if (wrapping && el.tagName === 'INPUT') return squash(wrapping.textContent);
  if (el.tagName === 'TABLE') return squash(el.querySelector('caption')?.textContent);
  if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') return '';
  return squash(el.textContent);
}

export function queryAllByRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement[] {
  const selector = ROLE_SELECTORS[role];
  if (!selector) throw new Error(`No selector for role ${role}`);
  return [...root.querySelectorAll<HTMLElement>(selector)].filter((el) => {
    if (!hasRole(el, role)) return false;
    if (name === undefined) return true;
    const actual = accessibleName(el);
    return typeof name === 'string' ? actual === name : name.test(actual);
  });
}

export function getByRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement {
  const found = queryAllByRole(root, role, name);
  if (found.length !== 1) {
    const names = queryAllByRole(root, role).map(accessibleName);
    throw new Error(`Expected one ${role} named ${String(name)}, found ${found.length}. The ${role}s: ${JSON.stringify(names)}`);
  }
  return found[0]!;
}

export const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Types into a field as a user does: sets the value, then fires input and change. */
export async function type(input: HTMLElement, text: string): Promise<void> {
  (input as HTMLInputElement).value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await flush();
}

export async function click(el: HTMLElement): Promise<void> {
  el.click();
  await flush();
  await flush();
}
