/**
 * The timer and timesheet settings on the options page: the daily target is typed as a GitLab
 * duration, saved as seconds with the other settings, and bad input is explained and not saved.
 */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type Settings as TimerSettings } from '@/lib/model/storage';
import { Settings } from './Settings';

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

const flush = async () => {
  for (let i = 0; i < 4; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};
const field = (name: string) => [...container.querySelectorAll('label')].find((l) => l.textContent?.trim().startsWith(name))?.querySelector('input') as HTMLInputElement;
const change = async (input: HTMLInputElement, text: string) => {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await flush();
};
const alertText = () => container.querySelector('[role="alert"]')?.textContent ?? '';

async function mount(stored: TimerSettings = DEFAULT_SETTINGS) {
  const save = vi.fn(async (_: TimerSettings) => ({ ok: true as const }));
  render(<Settings api={{ load: async () => stored, save }} />, container);
  await flush();
  return save;
}

describe('the daily target', () => {
  it('shows 8h by default', async () => {
    await mount();
    expect(field('Daily target').value).toBe('8h');
  });

  it('shows a stored target in hours and minutes', async () => {
    await mount({ ...DEFAULT_SETTINGS, dayTargetSeconds: 7.5 * 3600 });
    expect(field('Daily target').value).toBe('7h 30m');
  });

  it('saves a GitLab duration as seconds, with the other settings as they were', async () => {
    const save = await mount();
    await change(field('Daily target'), '6h 45m');
    expect(save).toHaveBeenCalledTimes(1);
    expect(save.mock.calls[0]![0]).toEqual({ ...DEFAULT_SETTINGS, dayTargetSeconds: 6.75 * 3600 });
    expect(alertText()).toBe('');
  });

  it('explains bad input and saves nothing', async () => {
    const save = await mount();
    await change(field('Daily target'), 'all day');
    expect(save).not.toHaveBeenCalled();
    expect(alertText()).toMatch(/^Daily target: /);
    await change(field('Daily target'), '30h');
    expect(save).not.toHaveBeenCalled();
    expect(alertText()).toMatch(/24 hours at most/);
    // A good value afterwards clears the message.
    await change(field('Daily target'), '7h');
    expect(save).toHaveBeenCalledTimes(1);
    expect(alertText()).toBe('');
  });
});
