/**
 * Bytes are deterministic, so size budgets are a pass/fail stage of `npm test` (timings are only
 * reported by the benchmark). Measures the Chrome build, gzipped, and fails when a budget is
 * exceeded. What GitLab pages get: every page the loader (the manifest's content scripts), an
 * issue view the loader plus the widget the background injects (lib/background/content-scripts.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const OUT = path.resolve(import.meta.dirname, '..', process.env.TK_OUT_DIR ?? '.output', 'chrome-mv3');
const WIDGET = 'widget.js';

function gz(file: string): number {
  return gzipSync(readFileSync(path.join(OUT, file)), { level: 9 }).length;
}

/** The JS an HTML entry loads: its own chunk and every chunk under chunks/ it imports (all, to be safe). */
function pageScripts(html: string): string[] {
  const text = readFileSync(path.join(OUT, html), 'utf8');
  const direct = [...text.matchAll(/src="\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  const queue = [...direct];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(OUT, file), 'utf8');
    for (const m of code.matchAll(/from\s*"\.\/?([^"]+\.js)"|import\s*"\.\/?([^"]+\.js)"/g)) {
      const dep = path.join(path.dirname(file), m[1] ?? m[2]!);
      queue.push(dep);
    }
  }
  return [...seen];
}

const manifest = JSON.parse(readFileSync(path.join(OUT, 'manifest.json'), 'utf8')) as { content_scripts?: Array<{ js?: string[]; css?: string[] }> };
const onEveryPage = (manifest.content_scripts ?? []).flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]);
const everyPageBytes = onEveryPage.reduce((n, f) => n + gz(f), 0);
const widgetBytes = gz(WIDGET);
const popupBytes = pageScripts('popup.html').reduce((n, f) => n + gz(f), 0);
const optionsBytes = pageScripts('options.html').reduce((n, f) => n + gz(f), 0);
const backgroundBytes = gz('background.js');

const rows: Array<{ what: string; bytes: number; budget: number | null }> = [
  { what: 'injected into every GitLab page (loader)', bytes: everyPageBytes, budget: 3 * 1024 },
  { what: `the widget, only on issue views (${WIDGET})`, bytes: widgetBytes, budget: null },
  { what: 'injected into an issue page (loader + widget)', bytes: everyPageBytes + widgetBytes, budget: 15 * 1024 },
  { what: 'popup JS', bytes: popupBytes, budget: 40 * 1024 },
  { what: 'options JS', bytes: optionsBytes, budget: null },
  { what: 'background JS', bytes: backgroundBytes, budget: null },
];
let over = 0;
for (const r of rows) {
  const verdict = r.budget === null ? '' : r.bytes <= r.budget ? `  ok (budget ${r.budget} B)` : `  OVER budget ${r.budget} B`;
  if (r.budget !== null && r.bytes > r.budget) over++;
  console.log(`${r.what.padEnd(48)} ${String(r.bytes).padStart(7)} B gzipped${verdict}`);
}
process.exit(over ? 1 : 0);
