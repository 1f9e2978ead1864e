import { browser } from 'wxt/browser';
import { needsRuntimeRegistration, originPattern } from '../background/content-scripts';
import { backgroundMessenger } from '../messaging';
import type { OptionsApi } from '@/components/Options';
import type { SettingsApi } from '@/components/Settings';
import type { ShortcutsApi } from '@/components/Shortcuts';

export function createOptionsApi(messenger = backgroundMessenger): OptionsApi {
  return {
    listInstances: () => messenger.sendMessage('listInstances', undefined),
    connect: (input) => messenger.sendMessage('connectInstance', input),
    disconnect: (baseUrl) => messenger.sendMessage('disconnectInstance', { baseUrl }),
    needsHostAccess: needsRuntimeRegistration,
    requestHostAccess: (baseUrl) => browser.permissions.request({ origins: [originPattern(baseUrl)] }),
  };
}

export function createSettingsApi(messenger = backgroundMessenger): SettingsApi {
  return {
    load: () => messenger.sendMessage('getSettings', undefined),
    save: (settings) => messenger.sendMessage('saveSettings', settings),
  };
}

export function createShortcutsApi(): ShortcutsApi {
  const commands = browser.commands;
  const list = async () => (await commands.getAll()).map((c) => ({ name: c.name ?? '', description: c.description ?? '', shortcut: c.shortcut ?? '' }));
  // Firefox can rebind from the options page; Chrome only on its own shortcuts page.
  const update = (commands as { update?: (detail: { name: string; shortcut: string }) => Promise<void> }).update;
  if (update) return { list, update: (name, shortcut) => update({ name, shortcut }) };
  return { list, openBrowserShortcuts: () => void browser.tabs.create({ url: 'chrome://extensions/shortcuts' }) };
}
