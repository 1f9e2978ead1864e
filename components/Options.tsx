import { useEffect, useState } from 'preact/hooks';
import { normaliseBaseUrl } from '@/lib/gitlab/client';
import type { Instance } from '@/lib/storage';
import { Settings, type SettingsApi } from './Settings';
import { Shortcuts, type ShortcutsApi } from './Shortcuts';

export interface OptionsApi {
  listInstances(): Promise<Instance[]>;
  connect(input: { baseUrl: string; token: string }): Promise<{ ok: true; instance: Instance; pageAccess: boolean } | { ok: false; error: string }>;
  disconnect(baseUrl: string): Promise<{ ok: boolean; error?: string }>;
  /** Must be called inside the click: browsers ask for host access only during a user gesture. */
  requestHostAccess(baseUrl: string): Promise<boolean>;
  needsHostAccess(baseUrl: string): boolean;
}

function tokenPageUrl(baseUrl: string): string {
  return `${baseUrl}/-/user_settings/personal_access_tokens?name=Timekeeper&scopes=api`;
}

export function Options({ api, settingsApi, shortcutsApi, initialUrl }: { api: OptionsApi; settingsApi: SettingsApi; shortcutsApi: ShortcutsApi; initialUrl?: string }) {
  const [instances, setInstances] = useState<Instance[]>([]);
  const [url, setUrl] = useState(initialUrl ?? 'https://gitlab.com');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    void api.listInstances().then(setInstances, () => setError('The extension did not answer. Reload this page.'));
  }, []);

  const onConnect = (event: Event) => {
    event.preventDefault();
    setError(null);
    setStatus(null);
    const normalised = normaliseBaseUrl(url);
    if (!normalised.ok) {
      setError(normalised.error);
      return;
    }
    if (!token.trim()) {
      setError('Enter an access token: create one in GitLab with the api scope, then paste it here.');
      return;
    }
    const baseUrl = normalised.baseUrl;
    // Ask for page access synchronously inside the click (browsers ask only during a user gesture),
    // and connect meanwhile: the API works without it, only the issue-page widget needs it.
    const access = api.needsHostAccess(baseUrl) ? api.requestHostAccess(baseUrl).catch(() => false) : Promise.resolve(true);
    setBusy(true);
    void api
      .connect({ baseUrl, token: token.trim() })
      .then(async (result) => {
        if (!result.ok) {
          setError(result.error);
          return;
        }
        setToken('');
        const who = `Connected as @${result.instance.username} on ${new URL(result.instance.baseUrl).host}.`;
        setStatus(result.pageAccess ? who : `${who} Allow access to ${new URL(baseUrl).host} when your browser asks, so the timer appears on its issue pages.`);
        setInstances(await api.listInstances());
        void access.then((granted) => {
          if (granted) setStatus(who);
          else setError(`Without access to ${new URL(baseUrl).host}'s pages the timer will not appear on its issues; the toolbar popup still works. Click Connect again to allow it.`);
        });
      })
      .catch(() => setError('The extension did not answer. Reload this page and try again.'))
      .finally(() => setBusy(false));
  };

  const onDisconnect = async (baseUrl: string) => {
    setError(null);
    const result = await api.disconnect(baseUrl);
    if (!result.ok) setError(result.error ?? 'Could not disconnect.');
    else setStatus(`Disconnected ${new URL(baseUrl).host}. Its token was deleted from this browser.`);
    setInstances(await api.listInstances());
  };

  const normalised = normaliseBaseUrl(url);
  return (
    <main class="options">
      <h1>Timekeeper for GitLab</h1>
      <section aria-labelledby="connected-heading">
        <h2 id="connected-heading">Connected GitLabs</h2>
        {instances.length === 0 ? (
          <p class="muted">None yet. Connect one below.</p>
        ) : (
          <ul class="instances">
            {instances.map((i) => (
              <li key={i.baseUrl}>
                <span>
                  <strong>{new URL(i.baseUrl).host}</strong> Connected as @{i.username}
                  {i.gitlabVersion ? <span class="muted"> · GitLab {i.gitlabVersion}</span> : null}
                </span>
                <button type="button" onClick={() => void onDisconnect(i.baseUrl)} aria-label={`Disconnect ${i.baseUrl}`}>
                  Disconnect
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <form onSubmit={onConnect} class="connect" noValidate>
        <h2>Connect a GitLab</h2>
        <label>
          GitLab URL
          <input type="url" name="url" value={url} onInput={(e) => setUrl(e.currentTarget.value)} autoComplete="url" spellcheck={false} />
        </label>
        <label>
          Access token
          <input type="password" name="token" value={token} onInput={(e) => setToken(e.currentTarget.value)} autoComplete="off" spellcheck={false} />
        </label>
        <p class="muted help">
          A personal access token with the <code>api</code> scope.{' '}
          {normalised.ok && (
            <a href={tokenPageUrl(normalised.baseUrl)} target="_blank" rel="noreferrer">
              Create one on {new URL(normalised.baseUrl).host}
            </a>
          )}
          . It is stored only in this browser and sent only to that GitLab.
        </p>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Connecting…' : 'Connect'}
        </button>
        {error && <div role="alert" class="error">{error}</div>}
        {status && <p role="status" class="status">{status}</p>}
      </form>
      <Settings api={settingsApi} />
      <Shortcuts api={shortcutsApi} />
    </main>
  );
}
