import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { weekOfDay } from '@/lib/timesheet/week';
import { click, getByRole, type } from './testing';
import { WeekNav } from './WeekNav';

const week = weekOfDay('2025-03-05', { firstDay: 1, timeZone: 'Europe/Berlin' });

let container: HTMLElement;
afterEach(() => {
  render(null, container);
  container.remove();
});
function mount(isThisWeek = false) {
  const handlers = { onPrevious: vi.fn(), onNext: vi.fn(), onThisWeek: vi.fn(), onPickDay: vi.fn() };
  container = document.createElement('div');
  document.body.append(container);
  render(<WeekNav week={week} locale="en-GB" isThisWeek={isThisWeek} {...handlers} />, container);
  return handlers;
}

describe('WeekNav', () => {
  it('moves to the previous, next and this week', async () => {
    const h = mount();
    await click(getByRole(container, 'button', 'Previous week'));
    await click(getByRole(container, 'button', 'Next week'));
    await click(getByRole(container, 'button', 'This week'));
    expect(h.onPrevious).toHaveBeenCalledTimes(1);
    expect(h.onNext).toHaveBeenCalledTimes(1);
    expect(h.onThisWeek).toHaveBeenCalledTimes(1);
    expect(getByRole(container, 'navigation', 'Weeks')).toBeDefined();
  });

  it('shows the week as a range and marks this week', () => {
    mount(true);
    expect(container.querySelector('.tk-ts-range')?.textContent?.replace(/\s/g, '')).toBe('3–9Mar2025');
    expect(getByRole(container, 'button', 'This week').getAttribute('aria-current')).toBe('date');
  });

  it('goes to the week of any day picked', async () => {
    const h = mount();
    const field = getByRole(container, 'textbox', 'Show the week of') as HTMLInputElement;
    expect(field.value).toBe('2025-03-03');
    await type(field, '2024-12-31');
    expect(h.onPickDay).toHaveBeenCalledWith('2024-12-31');
    h.onPickDay.mockClear();
    await type(field, '');
    expect(h.onPickDay).not.toHaveBeenCalled();
  });
});
