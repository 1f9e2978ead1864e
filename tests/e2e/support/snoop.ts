/**
 * What a script on a GitLab page can reach of ours: the document, every open shadow root (the
 * widget's is open, so tests can find its controls), the window's messages, web storage and
 * cookies. Both functions run in the page's own world (Playwright's and puppeteer's evaluate).
 */

/** Starts recording every window message the page receives. */
export function startListening(): void {
  const w = window as unknown as { __heard?: string[] };
  w.__heard = [];
  window.addEventListener('message', (e) => {
    try {
      w.__heard!.push(typeof e.data === 'string' ? e.data : JSON.stringify(e.data));
    } catch {
      w.__heard!.push(String(e.data));
    }
  });
}

/** Everything readable, as one string, after activating every control the page can reach. */
export function readEverything(): string {
  const parts: string[] = [];
  const visit = (root: Document | ShadowRoot) => {
    parts.push(root instanceof Document ? root.documentElement.outerHTML : root.innerHTML);
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) visit(el.shadowRoot);
      for (const name of el.getAttributeNames()) parts.push(el.getAttribute(name) ?? '');
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) parts.push(el.value);
    }
    // Text a view keeps in `title`s and live regions is in the markup above; adopted styles too.
    if ('adoptedStyleSheets' in root) for (const sheet of root.adoptedStyleSheets) for (const rule of sheet.cssRules) parts.push(rule.cssText);
  };
  visit(document);
  for (const store of [localStorage, sessionStorage]) for (let i = 0; i < store.length; i++) parts.push(`${store.key(i)}=${store.getItem(store.key(i)!)}`);
  parts.push(document.cookie);
  parts.push(...((window as unknown as { __heard?: string[] }).__heard ?? []));
  return parts.join('\n');
}
