import { describe, expect, it } from 'vitest';
import { DRAW_ALL_UP_TO, layoutList, scrollToShow, visibleRange } from './window';

describe('windowed list', () => {
  const big = layoutList(Array.from({ length: 1000 }, (_, i) => (i % 50 === 0 ? 28 : 56)));

  it('lays entries out one after another', () => {
    const layout = layoutList([28, 56, 56]);
    expect(layout).toEqual({ offsets: [0, 28, 84], heights: [28, 56, 56], total: 140 });
  });

  it('short lists are drawn whole', () => {
    const layout = layoutList(Array.from({ length: DRAW_ALL_UP_TO }, () => 56));
    expect(visibleRange(layout, 5000, 400, 200)).toEqual({ start: 0, end: DRAW_ALL_UP_TO });
  });

  it('long lists draw what is in view, plus the margin', () => {
    const { start, end } = visibleRange(big, 0, 400, 200);
    expect(start).toBe(0);
    expect(big.offsets[end - 1]!).toBeLessThan(600);
    expect(big.offsets[end] ?? Infinity).toBeGreaterThanOrEqual(600);
  });

  it('in the middle, the first drawn row starts at or above the margin', () => {
    const scrollTop = 20_000;
    const { start, end } = visibleRange(big, scrollTop, 400, 200);
    expect(big.offsets[start]!).toBeLessThanOrEqual(scrollTop - 200);
    expect(big.offsets[start + 1]!).toBeGreaterThan(scrollTop - 200);
    expect(end - start).toBeLessThan(20);
  });

  it('at the very end, the last entry is drawn', () => {
    expect(visibleRange(big, big.total - 400, 400, 200).end).toBe(1000);
    expect(visibleRange(big, big.total + 999, 400, 200).end).toBe(1000);
  });

  it('scrolls just enough to show an entry', () => {
    const layout = layoutList([50, 50, 50, 50]);
    expect(scrollToShow(layout, 0, 60, 100)).toBe(0);
    expect(scrollToShow(layout, 3, 0, 100)).toBe(100);
    expect(scrollToShow(layout, 1, 40, 100)).toBeNull();
    expect(scrollToShow(layout, 9, 0, 100)).toBeNull();
  });
});
