import { browser } from 'wxt/browser';
import { needsRuntimeRegistration, originPattern } from '../background/content-scripts';
import { backgroundMessenger } from '../messaging';
import type { OptionsApi } from '@/components/Options';
import type { SettingsApi } from '@/components/Settings';

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
