import { browser } from 'wxt/browser';
import { needsRuntimeRegistration, originPattern } from '../background/content-scripts';
import { backgroundMessenger } from '../messaging';
import type { OptionsApi } from '@/components/Options';

export function createOptionsApi(messenger = backgroundMessenger): OptionsApi {
  return {
    listInstances: () => messenger.sendMessage('listInstances', undefined),
    connect: (input) => messenger.sendMessage('connectInstance', input),
    disconnect: (baseUrl) => messenger.sendMessage('disconnectInstance', { baseUrl }),
    needsHostAccess: needsRuntimeRegistration,
    requestHostAccess: (baseUrl) => browser.permissions.request({ origins: [originPattern(baseUrl)] }),
  };
}
