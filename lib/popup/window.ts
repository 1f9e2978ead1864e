/**
 * A windowed list: with a thousand issues, the popup draws only the rows in view (plus a margin)
 * and keeps the list's full height, so it opens fast and scrolls smoothly. Rows have fixed
 * heights, so where each one sits is known without measuring the page.
 */

export interface ListLayout {
  /** Top of each entry, in pixels from the top of the list. */
  offsets: number[];
  heights: number[];
  total: number;
}

export function layoutList(heights: number[]): ListLayout {
  const offsets: number[] = new Array<number>(heights.length);
  let top = 0;
  heights.forEach((h, i) => {
    offsets[i] = top;
    top += h;
  });
  return { offsets, heights, total: top };
}

/** Lists up to this long are drawn whole: cheap, and every row stays in the page for find-in-page. */
export const DRAW_ALL_UP_TO = 200;

/**
 * Which entries to draw, `[start, end)`: those overlapping the visible band, widened by
 * `overscan` pixels each way so fast scrolling does not show blank rows.
 */
export function visibleRange(layout: ListLayout, scrollTop: number, viewportHeight: number, overscan: number): { start: number; end: number } {
  const count = layout.offsets.length;
  if (count <= DRAW_ALL_UP_TO) return { start: 0, end: count };
  const top = Math.max(0, scrollTop - overscan);
  const bottom = scrollTop + Math.max(viewportHeight, 0) + overscan;
  const start = Math.max(0, lastAtOrBefore(layout.offsets, top));
  let end = start;
  while (end < count && layout.offsets[end]! < bottom) end++;
  return { start, end: Math.max(end, Math.min(count, start + 1)) };
}

/** Index of the last offset <= y (binary search); -1 when y is above the first. */
function lastAtOrBefore(offsets: number[], y: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! <= y) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The scrollTop that brings entry `index` fully into view, or null when it already is. */
export function scrollToShow(layout: ListLayout, index: number, scrollTop: number, viewportHeight: number): number | null {
  const top = layout.offsets[index];
  const height = layout.heights[index];
  if (top === undefined || height === undefined) return null;
  if (top < scrollTop) return top;
  if (top + height > scrollTop + viewportHeight) return top + height - viewportHeight;
  return null;
}
