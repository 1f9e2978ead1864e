/**
 * Popup speed alone (the full benchmark, `npm run bench`, includes it): 1,000 assigned issues and
 * 500 merge requests across three GitLab stand-ins; see scripts/bench/popup.ts for what is measured.
 * Usage: `npx wxt build && npx tsx scripts/popup-bench.ts` (honours TK_OUT_DIR; `--shot file.png`;
 * `--issues-alone` without the merge requests).
 */
import { benchPopup } from './bench/popup';

const shot = process.argv.includes('--shot') ? process.argv[process.argv.indexOf('--shot') + 1] : undefined;
// `--issues-alone`: without the 500 merge requests, to compare.
const r = await benchPopup({ opens: 9, shot, mergeRequests: !process.argv.includes('--issues-alone') });
console.log('Cold load, requests per instance:');
console.table(r.cold.requestsPerInstance);
console.log(`first list paint, cold (after fetching):      ${r.cold.firstListPaintMs} ms; all 1,000 listed after ${r.cold.allListedMs} ms`);
console.log(`first list paint from cache, worker awake:    median ${r.cachedFirstListPaintMs.workerAwake} ms  (${r.cachedFirstListPaintMs.samplesAwake.join(', ')})`);
console.log(`first list paint from cache, worker stopped:  median ${r.cachedFirstListPaintMs.workerStopped} ms  (${r.cachedFirstListPaintMs.samplesStopped.join(', ')})`);
console.log(`popup script started running at:               median ${r.scriptStartMs} ms (before it: the browser opening the page)`);
console.log(`popup first render done at:                    median ${r.firstRenderMs} ms (after it: style, layout and the frame)`);
console.log(`blank extension page first paint:             median ${r.vsBlank.blankMs} ms  (${r.vsBlank.samplesBlank.join(', ')}); popup / blank ${r.vsBlank.ratio}`);
console.log(`API requests per popup open (cached):         ${r.requestsPerOpen}`);
console.log(`scrolling ${r.scrolling.frames} frames: median ${r.scrolling.medianMs} ms, worst ${r.scrolling.worstMs} ms`);
