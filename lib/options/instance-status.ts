/**
 * What the options page says about a connected GitLab beside its name: how it is signed in, and
 * when its token runs out. Pure, so the wording is tested without a browser.
 */
import type { Instance } from '../model/storage';
import { plural, t, uiLanguage } from '../model/i18n';

/** A token expiring this close is flagged. */
export const EXPIRY_WARNING_DAYS = 7;
const DAY_MS = 86_400_000;

export interface Expiry {
  /** The sentence to show. */
  text: string;
  /** Within EXPIRY_WARNING_DAYS, or past: the user should act. */
  urgent: boolean;
}

/**
 * GitLab's personal tokens stop working at 00:00 UTC on their `expires_at` day; OAuth tokens are
 * refreshed and have no day to show.
 */
export function tokenExpiry(instance: Pick<Instance, 'baseUrl' | 'tokenExpiresOn' | 'auth'>, now: number): Expiry | null {
  if (instance.auth === 'oauth' || !instance.tokenExpiresOn) return null;
  const endsAt = Date.parse(`${instance.tokenExpiresOn}T00:00:00Z`);
  if (Number.isNaN(endsAt)) return null;
  const host = new URL(instance.baseUrl).host;
  const renew = t('renewToken', host);
  // The day in the user's language (GitLab's day is a UTC date: shown as that date everywhere).
  const day = new Date(endsAt).toLocaleDateString(uiLanguage(), { dateStyle: 'medium', timeZone: 'UTC' });
  const left = endsAt - now;
  if (left <= 0) return { text: `${t('tokenExpiredOn', day)} ${renew}`, urgent: true };
  const days = Math.ceil(left / DAY_MS);
  if (days <= EXPIRY_WARNING_DAYS) {
    const when = days === 1 ? t('tokenExpiresWithinADay', day) : plural('tokenExpiresInDays', days, day);
    return { text: `${when} ${renew}`, urgent: true };
  }
  return { text: t('tokenValidUntil', day), urgent: false };
}

/** `personal access token (api)`, `OAuth (api)`, `personal access token (scopes unknown)`. */
export function signInSummary(instance: Pick<Instance, 'auth' | 'scopes'>): string {
  const how = instance.auth === 'oauth' ? 'OAuth' : t('personalAccessToken');
  const scopes = instance.scopes ? instance.scopes.join(', ') || t('noScopes') : t('scopesUnknown');
  return `${how} (${scopes})`;
}

/** Only web addresses are shown as images: an avatar URL comes from the server. */
export function safeAvatarUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}
