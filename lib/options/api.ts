import { browser } from 'wxt/browser';
import { needsRuntimeRegistration, originPattern } from '../model/host-access';
import type { Instance, Settings as TimerSettings } from '../model/storage';
import { backgroundMessenger } from '../model/protocol';
import { DEFAULT_SETTINGS } from '../model/storage';
import { clearFirstScreen } from '../model/lists-cache';
import { clearTimesheetSnapshot } from '../model/timesheet';
import { t } from '../model/i18n';

/** The part of `browser.identity` the options page uses (a fake one in tests). */
type Connected = { ok: true; instance: Instance; pageAccess: boolean } | { ok: false; error: string };

export interface OptionsApi {
  listInstances(): Promise<Instance[]>;
  connect(input: { baseUrl: string; token: string }): Promise<Connected>;
  /** OAuth: the whole sign-in, the browser's sign-in window included, then the connection. */
  signIn(input: { baseUrl: string; clientId: string }): Promise<Connected>;
  /** Where GitLab sends the user back after signing in: the application's redirect URI. */
  redirectUrl(): string;
  disconnect(baseUrl: string): Promise<{ ok: boolean; error?: string }>;
  /** A GitLab disconnected because its page access was removed, once the browser granted it again. */
  restoreAccess(baseUrl: string): Promise<{ ok: true; instance: Instance } | { ok: false; error: string }>;
  /** Must be called inside the click: browsers ask for host access only during a user gesture. */
  requestHostAccess(baseUrl: string): Promise<boolean>;
  needsHostAccess(baseUrl: string): boolean;
}

export interface SettingsApi {
  load(): Promise<TimerSettings>;
  save(settings: TimerSettings): Promise<{ ok: true } | { ok: false; error: string }>;
}

export interface ShortcutCommand {
  name: string;
  description: string;
  shortcut: string;
}

export interface ShortcutsApi {
  list(): Promise<ShortcutCommand[]>;
  /** Firefox: change a binding from here (`commands.update`); absent where the browser cannot. */
  update?: (name: string, shortcut: string) => Promise<void>;
  /** Chrome: opens the browser's own shortcuts page. */
  openBrowserShortcuts?: () => void;
}

export interface IdentityApi {
  getRedirectURL(): string;
  launchWebAuthFlow(details: { url: string; interactive: boolean }): Promise<string | undefined>;
}

export function createOptionsApi(messenger = backgroundMessenger, identity: IdentityApi = browser.identity): OptionsApi {
  return {
    listInstances: async () => {
      const answer = await messenger.sendMessage('listInstances', undefined);
      return answer.ok ? answer.instances : [];
    },
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
        return { ok: false, error: t('signInDidNotFinish', host) };
      }
      return messenger.sendMessage('finishSignIn', { redirectUrl });
    },
    redirectUrl: () => identity.getRedirectURL(),
    disconnect: (baseUrl) => {
      // The popup's first screen may show that GitLab's issues: it goes with them.
      clearFirstScreen();
      clearTimesheetSnapshot();
      return messenger.sendMessage('disconnectInstance', { baseUrl });
    },
    restoreAccess: (baseUrl) => messenger.sendMessage('restoreAccess', { baseUrl }),
    needsHostAccess: needsRuntimeRegistration,
    requestHostAccess: (baseUrl) => browser.permissions.request({ origins: [originPattern(baseUrl)] }),
  };
}

export function createSettingsApi(messenger = backgroundMessenger): SettingsApi {
  return {
    load: async () => {
      const answer = await messenger.sendMessage('getSettings', undefined);
      // A setting a newer version added is there even if the stored value predates it.
      return answer.ok ? { ...DEFAULT_SETTINGS, ...answer.settings } : DEFAULT_SETTINGS;
    },
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
