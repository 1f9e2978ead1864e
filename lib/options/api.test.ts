/**
 * The options page's API over the background's messages: every answer is a Result, and a
 * refusal never reaches the page as data.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Instance } from '../model/storage';
import { DEFAULT_SETTINGS } from '../model/storage';
import { createOptionsApi, createSettingsApi, type IdentityApi } from './api';

const instance: Instance = { baseUrl: 'https://gitlab.com', userId: 1, username: 'demo', name: 'Demo', avatarUrl: null, connectedAt: 0, gitlabVersion: '17.0.0' };
const identity: IdentityApi = { getRedirectURL: () => 'https://x.chromiumapp.org/', launchWebAuthFlow: async () => undefined };

function messenger(answers: Record<string, (data: any) => unknown>) {
  const sendMessage = vi.fn(async (type: string, data: unknown) => answers[type]?.(data));
  return { sendMessage, messenger: { sendMessage } as never };
}

describe('options API', () => {
  it('lists the connected GitLabs, and none when the background refuses', async () => {
    let reply: unknown = { ok: true, instances: [instance] };
    const m = messenger({ listInstances: () => reply });
    const api = createOptionsApi(m.messenger, identity);
    expect(await api.listInstances()).toEqual([instance]);
    reply = { ok: false, error: 'Only extension pages may ask.', code: 'refused' };
    expect(await api.listInstances()).toEqual([]);
  });

  it('connect and disconnect pass the background’s answer on as it is', async () => {
    const refused = { ok: false, error: 'GitLab refused the access token.', code: 'unauthorized' };
    const m = messenger({ connectInstance: () => refused, disconnectInstance: () => ({ ok: true }) });
    const api = createOptionsApi(m.messenger, identity);
    expect(await api.connect({ baseUrl: 'https://gitlab.com', token: 'glpat-x' })).toEqual(refused);
    expect(m.sendMessage).toHaveBeenLastCalledWith('connectInstance', { baseUrl: 'https://gitlab.com', token: 'glpat-x' });
    expect(await api.disconnect('https://gitlab.com')).toEqual({ ok: true });
    expect(m.sendMessage).toHaveBeenLastCalledWith('disconnectInstance', { baseUrl: 'https://gitlab.com' });
  });

  it('a sign-in the background will not begin opens no window', async () => {
    const launch = vi.fn(async () => 'https://x.chromiumapp.org/?code=c');
    const m = messenger({ beginSignIn: () => ({ ok: false, error: 'Enter the application ID.', code: 'bad-input' }) });
    const api = createOptionsApi(m.messenger, { ...identity, launchWebAuthFlow: launch });
    expect(await api.signIn({ baseUrl: 'https://gitlab.com', clientId: '' })).toMatchObject({ ok: false, error: 'Enter the application ID.' });
    expect(launch).not.toHaveBeenCalled();
    expect(m.sendMessage.mock.calls.map(([type]) => type)).toEqual(['beginSignIn']);
  });

  it('a sign-in window closed without an answer is said in words, and nothing is finished', async () => {
    const m = messenger({ beginSignIn: () => ({ ok: true, authorizeUrl: 'https://gitlab.example.com/oauth/authorize?state=s' }) });
    const api = createOptionsApi(m.messenger, identity);
    const result = await api.signIn({ baseUrl: 'https://gitlab.example.com', clientId: 'app' });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^The sign-in with gitlab\.example\.com did not finish/) });
    expect(m.sendMessage.mock.calls.map(([type]) => type)).toEqual(['beginSignIn']);
  });
});

describe('settings API', () => {
  it('loads the settings, or the defaults when the background refuses', async () => {
    const saved = { ...DEFAULT_SETTINGS, roundTo: 15 as const };
    let reply: unknown = { ok: true, settings: saved };
    const api = createSettingsApi(messenger({ getSettings: () => reply }).messenger);
    expect(await api.load()).toEqual(saved);
    reply = { ok: false, error: 'no', code: 'refused' };
    expect(await api.load()).toEqual(DEFAULT_SETTINGS);
  });

  it('settings stored before the daily target existed load with the default target, 8h', async () => {
    const { dayTargetSeconds: _, ...v1 } = { ...DEFAULT_SETTINGS, idleMinutes: 0 };
    const api = createSettingsApi(messenger({ getSettings: () => ({ ok: true, settings: v1 }) }).messenger);
    expect(await api.load()).toEqual({ ...v1, dayTargetSeconds: 8 * 3600 });
  });

  it('saves through saveSettings and hands a refusal back', async () => {
    const m = messenger({ saveSettings: (s) => (s.idleMinutes > 240 ? { ok: false, error: 'Invalid idle minutes.', code: 'bad-input' } : { ok: true, settings: s }) });
    const api = createSettingsApi(m.messenger);
    expect(await api.save(DEFAULT_SETTINGS)).toMatchObject({ ok: true });
    expect(await api.save({ ...DEFAULT_SETTINGS, idleMinutes: 999 })).toEqual({ ok: false, error: 'Invalid idle minutes.', code: 'bad-input' });
  });
});
