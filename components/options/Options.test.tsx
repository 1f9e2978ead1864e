/**
 * The options page's connections: what it shows about each GitLab, and how Connect, OAuth
 * sign-in (with a fake identity API: launchWebAuthFlow cannot run headless), Reconnect and
 * "Allow access" are wired to the background's messages.
 */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Instance } from '@/lib/model/storage';
import { createOptionsApi, type IdentityApi, type OptionsApi } from '@/lib/options/api';
import { Options } from './Options';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 2, 12, 0);
const day = (offset: number) => new Date(NOW + offset * DAY).toISOString().slice(0, 10);
const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/';

const base: Instance = {
  baseUrl: 'https://gitlab.com',
  userId: 1,
  username: 'demo',
  name: 'Demo User',
  avatarUrl: 'https://gitlab.com/uploads/avatar.png',
  connectedAt: NOW,
  gitlabVersion: '17.11.0-ee',
  apiVersion: 'v4',
  auth: 'token',
  scopes: ['api'],
  tokenExpiresOn: day(200),
  readOnlyReason: null,
  problem: null,
};

let container: HTMLElement;
beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});
afterEach(() => {
  render(null, container);
  container.remove();
  vi.useRealTimers();
});

const flush = async () => {
  for (let i = 0; i < 4; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};
const button = (name: string) => [...container.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim().startsWith(name)) as HTMLButtonElement;
const field = (name: string) => [...container.querySelectorAll('label')].find((l) => l.textContent?.trim().startsWith(name))?.querySelector('input') as HTMLInputElement;
const type = async (input: HTMLInputElement, text: string) => {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await flush();
};
const text = () => container.textContent ?? '';
const alertText = () => container.querySelector('[role="alert"]')?.textContent ?? '';
const statusText = () => container.querySelector('[role="status"]')?.textContent ?? '';

async function mount(api: OptionsApi) {
  container = document.createElement('div');
  document.body.append(container);
  const settingsApi = { load: () => new Promise<never>(() => undefined), save: vi.fn() };
  const shortcutsApi = { list: async () => [] };
  render(<Options api={api} settingsApi={settingsApi as never} shortcutsApi={shortcutsApi} />, container);
  await flush();
}

/** The real options API over a fake background and a fake identity API. */
function wired(instances: Instance[], answers: Record<string, (data: any) => unknown> = {}, identity?: Partial<IdentityApi>) {
  const sendMessage = vi.fn(async (type: string, data: unknown) => (type === 'listInstances' ? { ok: true, instances } : answers[type]?.(data)));
  const fakeIdentity: IdentityApi = {
    getRedirectURL: () => REDIRECT,
    launchWebAuthFlow: vi.fn(async ({ url }: { url: string }) => `${REDIRECT}?code=the-code&state=${new URL(url).searchParams.get('state')}`),
    ...identity,
  };
  const api = createOptionsApi({ sendMessage } as never, fakeIdentity);
  return { api: { ...api, needsHostAccess: () => false, requestHostAccess: vi.fn(async () => true) }, sendMessage, identity: fakeIdentity };
}

describe('connected GitLabs', () => {
  it('show the user, avatar, versions and how they signed in', async () => {
    await mount(wired([base]).api);
    expect(text()).toContain('Demo User on gitlab.com');
    expect(text()).toContain('Connected as @demo');
    expect(text()).toContain('GitLab 17.11.0-ee · API v4 · personal access token (api)');
    expect(text()).toContain('Token valid until Sep 18, 2026');
    expect(container.querySelector('img.avatar')?.getAttribute('src')).toBe(base.avatarUrl);
    expect(container.querySelector('.warning')).toBeNull();
  });

  it('flag a token expiring within 7 days, and one already expired', async () => {
    await mount(wired([{ ...base, tokenExpiresOn: day(3) }, { ...base, baseUrl: 'https://git.example.com', tokenExpiresOn: day(-1) }]).api);
    const warnings = [...container.querySelectorAll('.warning')].map((w) => w.textContent);
    expect(warnings).toEqual([
      'The token expires in 3 days (on Mar 5, 2026). Create a new token on gitlab.com and reconnect.',
      'The token expired on Mar 1, 2026. Create a new token on git.example.com and reconnect.',
    ]);
  });

  it('show why a read_api connection is read-only, and what to do about a broken one', async () => {
    const readOnly = { ...base, scopes: ['read_api'], readOnlyReason: 'Read-only: the token for gitlab.com has only the read_api scope, not api.' };
    const broken = { ...base, baseUrl: 'https://git.example.com', problem: { kind: 'sign-in' as const, message: 'git.example.com refused the access token.' } };
    await mount(wired([readOnly, broken]).api);
    expect(text()).toContain('personal access token (read_api)');
    expect(text()).toContain('Read-only: the token for gitlab.com has only the read_api scope');
    expect(text()).toContain('git.example.com refused the access token.');
  });

  it('never show an avatar that is not a web address', async () => {
    await mount(wired([{ ...base, avatarUrl: 'javascript:alert(1)' }]).api);
    expect(container.querySelector('img')).toBeNull();
  });
});

describe('connecting', () => {
  it('a personal token goes to the background once, then the form is cleared', async () => {
    const { api, sendMessage } = wired([], { connectInstance: () => ({ ok: true, instance: base, pageAccess: true }) });
    await mount(api);
    await type(field('Access token'), ' glpat-abc ');
    button('Connect').click();
    await flush();
    expect(sendMessage).toHaveBeenCalledWith('connectInstance', { baseUrl: 'https://gitlab.com', token: 'glpat-abc' });
    expect(statusText()).toContain('Connected as @demo on gitlab.com');
    expect(field('Access token').value).toBe('');
  });

  it('OAuth: shows the redirect URL to register, runs the sign-in window, and hands back only its redirect', async () => {
    const { api, sendMessage, identity } = wired([], {
      beginSignIn: () => ({ ok: true, authorizeUrl: 'https://gitlab.com/oauth/authorize?client_id=app-id&state=s1' }),
      finishSignIn: () => ({ ok: true, instance: { ...base, auth: 'oauth' }, pageAccess: true }),
    });
    await mount(api);
    (container.querySelector('input[value="oauth"]') as HTMLInputElement).click();
    await flush();
    expect(field('Redirect URL').value).toBe(REDIRECT);
    expect(field('Access token')).toBeUndefined();
    await type(field('Application ID'), 'app-id');
    button('Sign in with GitLab').click();
    await flush();
    expect(sendMessage).toHaveBeenCalledWith('beginSignIn', { baseUrl: 'https://gitlab.com', clientId: 'app-id' });
    expect(identity.launchWebAuthFlow).toHaveBeenCalledWith({ url: 'https://gitlab.com/oauth/authorize?client_id=app-id&state=s1', interactive: true });
    expect(sendMessage).toHaveBeenCalledWith('finishSignIn', { redirectUrl: `${REDIRECT}?code=the-code&state=s1` });
    expect(statusText()).toContain('Connected as @demo on gitlab.com');
  });

  it('OAuth: a closed sign-in window is explained and nothing is finished', async () => {
    const { api, sendMessage } = wired(
      [],
      { beginSignIn: () => ({ ok: true, authorizeUrl: 'https://gitlab.com/oauth/authorize?state=s1' }) },
      { launchWebAuthFlow: async () => Promise.reject(new Error('The user did not approve access.')) },
    );
    await mount(api);
    (container.querySelector('input[value="oauth"]') as HTMLInputElement).click();
    await flush();
    await type(field('Application ID'), 'app-id');
    button('Sign in with GitLab').click();
    await flush();
    expect(alertText()).toMatch(/The sign-in with gitlab.com did not finish/);
    expect(sendMessage.mock.calls.map(([type]) => type)).not.toContain('finishSignIn');
  });

  it('Reconnect fills the form for a new token of that GitLab', async () => {
    await mount(wired([{ ...base, baseUrl: 'https://git.example.com' }]).api);
    button('Reconnect').click();
    await flush();
    expect(field('GitLab URL').value).toBe('https://git.example.com');
    expect(statusText()).toContain('Paste a new access token for git.example.com');
    expect(document.activeElement).toBe(field('Access token'));
  });

  it('Reconnect of an OAuth GitLab offers the sign-in again with its application id', async () => {
    await mount(wired([{ ...base, auth: 'oauth', oauthClientId: 'the-app' }]).api);
    button('Reconnect').click();
    await flush();
    expect(field('Application ID').value).toBe('the-app');
    expect(button('Sign in with GitLab')).toBeDefined();
  });

  it('a GitLab disconnected by removed page access offers to allow it again', async () => {
    const disconnected = { ...base, baseUrl: 'http://127.0.0.1:3300', problem: { kind: 'disconnected' as const, message: 'Disconnected: access to 127.0.0.1:3300 was removed in the browser.' } };
    const { api, sendMessage } = wired([disconnected], { restoreAccess: () => ({ ok: true, instance: { ...disconnected, problem: null } }) });
    await mount(api);
    expect(text()).toContain('Disconnected (was @demo)');
    button('Allow access to 127.0.0.1:3300').click();
    await flush();
    expect(api.requestHostAccess).toHaveBeenCalledWith('http://127.0.0.1:3300');
    expect(sendMessage).toHaveBeenCalledWith('restoreAccess', { baseUrl: 'http://127.0.0.1:3300' });
    expect(statusText()).toContain('Connected as @demo on 127.0.0.1:3300 again');
  });
});
