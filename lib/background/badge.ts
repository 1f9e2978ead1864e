/**
 * The toolbar badge mirrors the timer: elapsed time while running (minutes, then h:mm), a pause
 * mark while paused, and a tooltip naming the issue. A one-minute alarm refreshes it while a
 * timer runs; every timer change refreshes it at once.
 */
import { itemReference } from '../model/item';
import { formatClock } from '../gitlab/duration';
import { timerItem } from '../model/storage';
import { elapsedMs, type TimerState } from '../model/timer';
import type { BackgroundDeps } from './token-client';
import { t } from '@/lib/model/i18n';

export const BADGE_ALARM = 'badge-tick';

export function badgeText(timer: TimerState | null, now: number): string {
  if (!timer) return '';
  if (timer.runningSince === null) return '❚❚';
  const minutes = Math.floor(elapsedMs(timer, now) / 60_000);
  if (minutes < 60) return `${minutes}m`;
  const h = Math.floor(minutes / 60);
  return h >= 100 ? `${h}h` : `${h}:${String(minutes % 60).padStart(2, '0')}`;
}

export function badgeTitle(timer: TimerState | null, now: number): string {
  if (!timer) return t('extensionName');
  const issue = `${itemReference(timer.item)}${timer.item.title ? ` ${timer.item.title}` : ''}`;
  const subs = [issue, formatClock(elapsedMs(timer, now))];
  return timer.runningSince === null ? t('badgePaused', subs) : t('badgeRunning', subs);
}

export async function updateBadge(deps: BackgroundDeps): Promise<void> {
  const timer = await timerItem.getValue();
  const now = deps.now();
  // MV3 has `action`, Firefox MV2 `browserAction`.
  const action = deps.browser.action ?? (deps.browser as unknown as { browserAction?: typeof deps.browser.action }).browserAction;
  if (action) {
    await action.setBadgeText({ text: badgeText(timer, now) });
    await action.setBadgeBackgroundColor({ color: timer?.runningSince === null ? '#737278' : '#1f75cb' });
    await action.setTitle({ title: badgeTitle(timer, now) });
  }
  if (timer?.runningSince) await deps.browser.alarms.create(BADGE_ALARM, { periodInMinutes: 1 });
  else await deps.browser.alarms.clear(BADGE_ALARM);
}
