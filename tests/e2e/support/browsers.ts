/**
 * Finding the system browsers, and saying which package to install when one is missing.
 * Browser downloads cannot work here (no CDN), so we only ever use Debian's builds.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
export const FIREFOX_CANDIDATES = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];

function first(candidates: Array<string | undefined>): string | null {
  return candidates.find((c): c is string => !!c && existsSync(c)) ?? null;
}

export function chromiumPath(): string | null {
  return first(CHROMIUM_CANDIDATES);
}

export function firefoxPath(): string | null {
  return first(FIREFOX_CANDIDATES);
}

export const INSTALL_HINT = {
  chromium: 'Chromium is missing. Install it with: sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium (or set CHROMIUM_PATH).',
  firefox: 'Firefox is missing. Install it with: sudo apt-get update && sudo apt-get install -y --no-install-recommends firefox-esr (or set FIREFOX_PATH).',
  firefoxLanguagePack: (locale: string, got: string) =>
    `Firefox runs in ${got}, not ${locale}: its ${locale} language pack is missing. Install it with: sudo apt-get install -y --no-install-recommends firefox-esr-l10n-${locale}.`,
};
