/**
 * Bundle bytes of the Chrome build, raw and gzipped (level 9), grouped by where they load: what
 * every GitLab page gets (the manifest's content scripts: the loader), what an item page gets
 * before "More time tracking" opens (the loader plus the widget, declared on item pages or injected
 * into drawers by the background, lib/background/content-scripts.ts; the widget's CSS is inlined in widget.js for its shadow
 * root), what opening it loads (widget-forms.js, injected then), the popup and options pages (their
 * entry chunk, every chunk it imports and every stylesheet the HTML links) and the background.
 * Bytes are deterministic: scripts/size-budget.ts enforces the budgets in `npm test`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const WIDGET_FILE = 'widget.js';
/** The widget's forms: injected when "More time tracking" is first opened (their CSS inlined too). */
export const WIDGET_FORMS_FILE = 'widget-forms.js';

export interface BundleSize {
  key: 'loader' | 'widget' | 'issuePage' | 'otherPage' | 'formsOnOpening' | 'popup' | 'options' | 'timesheet' | 'timesheetJs' | 'background';
  what: string;
  files: string[];
  raw: number;
  gzip: number;
  /** Gzipped bytes allowed; null: reported only. */
  budget: number | null;
}

/** issuePage: before "More time tracking" opens; the forms it brings are reported (formsOnOpening). The Timesheet's budget is on its JavaScript (at most 30 KB gzipped). */
export const BUDGETS = { issuePage: 10 * 1024, otherPage: 1024, popup: 40 * 1024, timesheetJs: 30 * 1024 } as const;

/** Each file gzipped on its own (as the browser's cache and the store's package treat them), summed. */
function measure(dir: string, files: string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(path.join(dir, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

/** What an HTML entry loads: the page itself (the popup's styles are inline), its scripts, every chunk they import (statically or not) and its stylesheets. */
export function pageFiles(dir: string, html: string): string[] {
  const text = readFileSync(path.join(dir, html), 'utf8');
  const scripts = [...text.matchAll(/<script[^>]*\ssrc="\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  const styles = [...text.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="\/?([^"]+\.css)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  const queue = [...scripts];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(dir, file), 'utf8');
    for (const m of code.matchAll(/(?:from|import)\s*\(?\s*"(\.\.?\/[^"]+\.js)"/g)) queue.push(path.posix.join(path.posix.dirname(file), m[1]!));
  }
  return [html, ...seen, ...styles];
}

export function measureBundles(buildDir: string): BundleSize[] {
  const manifest = JSON.parse(readFileSync(path.join(buildDir, 'manifest.json'), 'utf8')) as {
    content_scripts?: Array<{ matches?: string[]; js?: string[]; css?: string[] }>;
    background?: { service_worker?: string; scripts?: string[] };
  };
  // Every page gets the scripts declared for the whole origin; the widget is declared on item pages only.
  const everyPage = (manifest.content_scripts ?? []).filter((c) => (c.matches ?? []).some((m) => /^[^/]+:\/\/[^/]+\/\*$/.test(m))).flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]);
  const background = manifest.background?.service_worker ? [manifest.background.service_worker] : (manifest.background?.scripts ?? ['background.js']);
  const row = (key: BundleSize['key'], what: string, files: string[], budget: number | null = null): BundleSize => ({ key, what, files, ...measure(buildDir, files), budget });
  return [
    row('otherPage', 'any other GitLab page (loader)', everyPage, BUDGETS.otherPage),
    row('issuePage', 'item page before More (loader + widget)', [...new Set([...everyPage, WIDGET_FILE])], BUDGETS.issuePage),
    row('widget', 'the widget alone (item views only)', [WIDGET_FILE]),
    row('formsOnOpening', 'on opening More time tracking (forms)', [WIDGET_FORMS_FILE]),
    row('popup', 'popup (page + JS + CSS)', pageFiles(buildDir, 'popup.html'), BUDGETS.popup),
    row('options', 'options (page + JS + CSS)', pageFiles(buildDir, 'options.html')),
    row('timesheet', 'timesheet (page + JS + CSS)', pageFiles(buildDir, 'timesheet.html')),
    row('timesheetJs', 'timesheet JavaScript', pageFiles(buildDir, 'timesheet.html').filter((f) => f.endsWith('.js')), BUDGETS.timesheetJs),
    row('background', 'background', background),
  ];
}

/**
 * The peers' injected bytes, gzipped, measured from their own published builds (not rebuilt
 * here): what each injects into a GitLab issue page and into other pages.
 */
export const PEERS = [
  { name: 'TMetric 5.0.28', issuePage: { js: 9_205, css: 5_758 }, otherPage: { js: 9_205, css: 5_758 }, note: 'every page of a GitLab origin' },
  { name: 'Redmine Time Tracking 2.0.2', issuePage: { js: 657_968, css: 20_129 }, otherPage: { js: 657_968, css: 20_129 }, note: 'every page of a GitLab origin' },
  { name: 'Clockify 2.11.48', issuePage: { js: 701_894, css: 14_120 }, otherPage: { js: 701_894, css: 14_120 }, note: 'GitLab pages; 542,260 B on every other web page' },
] as const;
