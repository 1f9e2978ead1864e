import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { weekOfDay } from '@/lib/timesheet/week';
import { DayChart } from './DayChart';
import { getByRole } from './testing';

const H = 3600;
const week = weekOfDay('2025-03-05', { firstDay: 1, timeZone: 'Europe/Berlin' });

let container: HTMLElement;
afterEach(() => {
  render(null, container);
  container.remove();
});
function mount(props: Partial<Parameters<typeof DayChart>[0]> = {}) {
  container = document.createElement('div');
  document.body.append(container);
  render(<DayChart week={week} dayTotals={[8 * H, 4 * H, 12 * H, 0, -H, 0, 0]} locale="en-GB" {...props} />, container);
}

describe('DayChart', () => {
  it('is an image whose text names every day and the target', () => {
    mount();
    const img = getByRole(container, 'img', /^Time per day against a daily target of 8h:/);
    expect(img.tagName.toLowerCase()).toBe('svg');
    const name = document.getElementById(img.getAttribute('aria-labelledby')!)!.textContent!;
    expect(name).toMatch(/Monday,? 3 March 2025, 8h, target reached; /);
    expect(name).toMatch(/Wednesday,? 5 March 2025, 12h, target reached; /);
    expect(name).toMatch(/Friday,? 7 March 2025, -1h; /);
    expect(name).toMatch(/Sunday,? 9 March 2025, 0m\.$/);
  });

  it('draws a bar per day, scaled to the longest day, and the target line', () => {
    mount();
    const bars = [...container.querySelectorAll('rect')];
    expect(bars).toHaveLength(7);
    const heights = bars.map((b) => Number(b.getAttribute('height')));
    expect(heights[2]).toBeGreaterThan(heights[0]!);
    expect(heights[0]).toBeCloseTo(heights[2]! * (8 / 12));
    expect(heights[4]).toBe(0);
    expect(bars.filter((b) => b.getAttribute('class')?.includes('tk-ts-bar-reached'))).toHaveLength(2);
    const line = container.querySelector('line')!;
    expect(Number(line.getAttribute('y1'))).toBeCloseTo(102 - heights[0]!);
    expect([...container.querySelectorAll('text')].map((t) => t.textContent)).toEqual(['Mon 3', 'Tue 4', 'Wed 5', 'Thu 6', 'Fri 7', 'Sat 8', 'Sun 9']);
  });

  it('uses the target given, and counts days in hours', () => {
    mount({ target: 6 * H, dayTotals: [6 * H, 0, 0, 0, 0, 0, 0] });
    expect(container.querySelector('figcaption')?.textContent).toBe('Daily target 6h');
    const img = getByRole(container, 'img', /daily target of 6h/);
    expect(document.getElementById(img.getAttribute('aria-labelledby')!)!.textContent).toMatch(/3 March 2025, 6h, target reached/);
  });
});
