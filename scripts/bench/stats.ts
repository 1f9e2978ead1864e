/** Medians, percentiles and the machine a run happened on: every timing is a statistic over repeated runs. */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { chromiumPath } from '../../tests/e2e/support/browsers';

export function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile. */
export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  loadAverageAtStart: number[];
  os: string;
  node: string;
  browser: string;
}

export function machine(): Machine {
  const cpus = os.cpus();
  const exe = chromiumPath();
  const version = exe ? spawnSync(exe, ['--version'], { encoding: 'utf8' }).stdout.trim() : 'no Chromium';
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
    loadAverageAtStart: os.loadavg().map((l) => round(l, 2)),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    browser: `${version} (headless)`,
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
