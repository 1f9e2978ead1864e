import { browser } from 'wxt/browser';
import { needsRuntimeRegistration, originPattern } from '../background/content-scripts';
import { backgroundMessenger } from '../model/protocol';
import { firstScreenCopy } from '../model/lists-cache';
import type { OptionsApi } from '@/components/options/Options';
import type { SettingsApi } from '@/components/options/Settings';
import type { ShortcutsApi } from '@/components/options/Shortcuts';

/** The part of `browser.identity` the options page uses (a fake one in tests). */
export interface IdentityApi {
  getRedirectURL(): string;
  launchWebAuthFlow(details: { url: string; interactive: boolean }): Promise<string | undefined>;
}

export function createOptionsApi(messenger = backgroundMessenger, identity: IdentityApi = browser.identity): OptionsApi {
  return {
    listInstances: () => messenger.sendMessage('listInstances', undefined),
    connect: (input) => messenger.sendMessage('connectInstance', input),
    async signIn(input) {
      // The background keeps the PKCE secret and the state; this page only runs the browser's
      // sign-in window, which can stay open longer than a service worker lives.
      const begun = await messenger.sendMessage('beginSignIn', input);
      if (!begun.ok) return begun;
      const host = new URL(begun.authorizeUrl).host;
      let redirectUrl: string | undefined;
      try {
        redirectUrl = await identity.launchWebAuthFlow({ url: begun.authorizeUrl, interactive: true });
      } catch {
        redirectUrl = undefined;
      }
      if (!redirectUrl) {
        return { ok: false, error: `The sign-in with ${host} did not finish (the window was closed, or ${host} showed an error). Check the application ID and its redirect URL, then try again.` };
      }
      return messenger.sendMessage('finishSignIn', { redirectUrl });
    },
    redirectUrl: () => identity.getRedirectURL(),
    disconnect: (baseUrl) => {
      // The popup's first screen may show that GitLab's issues: it goes with them.
      firstScreenCopy.clear();
      return messenger.sendMessage('disconnectInstance', { baseUrl });
    },
    restoreAccess: (baseUrl) => messenger.sendMessage('restoreAccess', { baseUrl }),
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
