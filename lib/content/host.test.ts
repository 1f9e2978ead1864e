import { afterEach, describe, expect, it } from 'vitest';
import { createWidgetHost, HOST_TAG } from './host';

afterEach(() => document.documentElement.classList.remove('gl-dark', 'gl-light'));

describe('the widget host', () => {
  it('an open shadow root with the widget\'s styles and a place to render', () => {
    const { host, container, dispose } = createWidgetHost(document, '.tk { color: red }');
    expect(host.localName).toBe(HOST_TAG);
    expect(host.shadowRoot?.querySelector('style')?.textContent).toBe('.tk { color: red }');
    expect(host.shadowRoot?.contains(container)).toBe(true);
    dispose();
  });

  it('follows GitLab switching between light and dark', async () => {
    const { container, dispose } = createWidgetHost(document, '');
    expect(container.classList.contains('tk-dark')).toBe(false);
    document.documentElement.classList.add('gl-dark');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(container.classList.contains('tk-dark')).toBe(true);
    document.documentElement.classList.replace('gl-dark', 'gl-light');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(container.classList.contains('tk-dark')).toBe(false);
    dispose();
  });
});
