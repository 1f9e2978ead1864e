/**
 * Idle time. When the machine is idle or locked for the set number of minutes while a timer
 * runs, the timer remembers the stretch and the user decides, on return, whether to keep it:
 * a notification with buttons where the browser has them (Chrome), and a banner in the widget
 * and the popup everywhere. The idle start is stored, so a worker stopped meanwhile loses nothing.
 */
import { storage } from 'wxt/utils/storage';
import { settingsItem } from '../model/storage';
import type { BackgroundDeps } from './token-client';
import { noteIdle, resolveIdle } from './timer';
import { t } from '@/lib/model/i18n';

const idleSinceItem = storage.defineItem<number | null>('local:idleSince', { fallback: null, version: 1 });
export const IDLE_NOTIFICATION = 'idle-question';

type IdleState = 'active' | 'idle' | 'locked';

/** What to do on an idle state change; pure apart from storage. */
export async function onIdleStateChanged(deps: BackgroundDeps, state: IdleState): Promise<{ asked: boolean }> {
  const settings = await settingsItem.getValue();
  if (!settings.idleMinutes) return { asked: false };
  const now = deps.now();
  if (state !== 'active') {
    // "idle" fires after the detection interval has passed without input; "locked" at once.
    const since = state === 'idle' ? now - settings.idleMinutes * 60_000 : now;
    if ((await idleSinceItem.getValue()) === null) await idleSinceItem.setValue(since);
    return { asked: false };
  }
  const since = await idleSinceItem.getValue();
  await idleSinceItem.setValue(null);
  if (since === null || now - since < settings.idleMinutes * 60_000) return { asked: false };
  return { asked: await noteIdle(since, now) };
}

export function registerIdle(deps: BackgroundDeps): void {
  const idle = deps.browser.idle;
  if (!idle) return;
  void settingsItem.getValue().then((s) => {
    if (s.idleMinutes) idle.setDetectionInterval(Math.max(15, s.idleMinutes * 60));
  });
  settingsItem.watch((s) => {
    if (s.idleMinutes) idle.setDetectionInterval(Math.max(15, s.idleMinutes * 60));
  });
  idle.onStateChanged.addListener((state) => {
    void onIdleStateChanged(deps, state as IdleState).then(({ asked }) => {
      if (asked) void askWithNotification(deps, t('awayNotificationTitle'));
    });
  });
  const notifications = deps.browser.notifications;
  notifications?.onButtonClicked?.addListener((id, button) => {
    if (id !== IDLE_NOTIFICATION) return;
    void resolveIdle(button === 0);
    void notifications.clear(id);
  });
}

/** Asks to keep or discard the time in question (idle, or unseen by the clock) in a notification. */
export async function askWithNotification(deps: BackgroundDeps, title: string): Promise<void> {
  const notifications = deps.browser.notifications;
  if (!notifications) return;
  const base = {
    type: 'basic' as const,
    iconUrl: deps.browser.runtime.getURL('/icon/128.png'),
    title,
    message: t('idleNotificationMessage'),
  };
  try {
    await notifications.create(IDLE_NOTIFICATION, { ...base, buttons: [{ title: t('keepIdleTime') }, { title: t('discardIdleTime') }], requireInteraction: true });
  } catch {
    // Firefox has no notification buttons: the banner in the widget and popup asks instead.
    await notifications.create(IDLE_NOTIFICATION, base).catch(() => undefined);
  }
}
