import { useEffect, useRef, useState } from 'preact/hooks';
import { normaliseBaseUrl } from '@/lib/gitlab/client';
import type { Instance } from '@/lib/model/storage';
import { InstanceList } from './InstanceList';
import type { OptionsApi, SettingsApi, ShortcutsApi } from '@/lib/options/api';
import { Settings } from './Settings';
import { Shortcuts } from './Shortcuts';



type Method = 'token' | 'oauth';

function tokenPageUrl(baseUrl: string): string {
  return `${baseUrl}/-/user_settings/personal_access_tokens?name=Timekeeper&scopes=api`;
}

function applicationsPageUrl(baseUrl: string): string {
  return `${baseUrl}/-/user_settings/applications`;
}

const NO_ANSWER = 'The extension did not answer. Reload this page and try again.';

export function Options({ api, settingsApi, shortcutsApi, initialUrl }: { api: OptionsApi; settingsApi: SettingsApi; shortcutsApi: ShortcutsApi; initialUrl?: string }) {
  const [instances, setInstances] = useState<Instance[]>([]);
  const [url, setUrl] = useState(initialUrl ?? 'https://gitlab.com');
  const [method, setMethod] = useState<Method>('token');
  const [token, setToken] = useState('');
  const [clientId, setClientId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const secretField = useRef<HTMLInputElement>(null);

  const refresh = () => api.listInstances().then(setInstances, () => setError(NO_ANSWER));
  useEffect(() => {
    void refresh();
    // Access can be removed in the browser's own settings meanwhile: show it on coming back.
    const onFocus = () => void refresh();
    addEventListener('focus', onFocus);
    return () => removeEventListener('focus', onFocus);
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
    if (method === 'token' && !token.trim()) {
      setError('Enter an access token: create one in GitLab with the api scope, then paste it here.');
      return;
    }
    if (method === 'oauth' && !clientId.trim()) {
      setError('Enter the application ID: add an application in GitLab (see below), then paste its ID here.');
      return;
    }
    const baseUrl = normalised.baseUrl;
    const host = new URL(baseUrl).host;
    // Ask for page access synchronously inside the click (browsers ask only during a user gesture),
    // and connect meanwhile: the API works without it, only the issue-page widget needs it.
    const access = api.needsHostAccess(baseUrl) ? api.requestHostAccess(baseUrl).catch(() => false) : Promise.resolve(true);
    setBusy(true);
    const attempt = method === 'token' ? api.connect({ baseUrl, token: token.trim() }) : api.signIn({ baseUrl, clientId: clientId.trim() });
    void attempt
      .then(async (result) => {
        if (!result.ok) {
          setError(result.error);
          return;
        }
        setToken('');
        const who = `Connected as @${result.instance.username} on ${host}.`;
        setStatus(result.pageAccess ? who : `${who} Allow access to ${host} when your browser asks, so the timer appears on its issue pages.`);
        await refresh();
        void access.then((granted) => {
          if (granted) setStatus(who);
          else setError(`Without access to ${host}'s pages the timer will not appear on its issues; the toolbar popup still works. Click Connect again to allow it.`);
        });
      })
      .catch(() => setError(NO_ANSWER))
      .finally(() => setBusy(false));
  };

  const onReconnect = (instance: Instance) => {
    const host = new URL(instance.baseUrl).host;
    setError(null);
    setUrl(instance.baseUrl);
    setToken('');
    if (instance.auth === 'oauth') {
      setMethod('oauth');
      setClientId(instance.oauthClientId ?? '');
      setStatus(`Press Sign in with GitLab to sign in to ${host} again.`);
    } else {
      setMethod('token');
      setStatus(`Paste a new access token for ${host} and press Connect. The old one is replaced.`);
    }
    queueMicrotask(() => secretField.current?.focus());
  };

  const onDisconnect = async (instance: Instance) => {
    setError(null);
    const result = await api.disconnect(instance.baseUrl).catch(() => ({ ok: false, error: NO_ANSWER }));
    if (!result.ok) setError(result.error ?? 'Could not disconnect.');
    else setStatus(`Disconnected ${new URL(instance.baseUrl).host}. Its token was deleted from this browser.`);
    await refresh();
  };

  const onAllowAccess = (instance: Instance) => {
    setError(null);
    const host = new URL(instance.baseUrl).host;
    // Inside the click, like Connect.
    void api
      .requestHostAccess(instance.baseUrl)
      .catch(() => false)
      .then(async (granted) => {
        if (!granted) {
          setError(`The browser did not give access to ${host}, so it stays disconnected.`);
          return;
        }
        const result = await api.restoreAccess(instance.baseUrl);
        if (result.ok) setStatus(`Connected as @${result.instance.username} on ${host} again.`);
        else setError(result.error);
        await refresh();
      }, () => setError(NO_ANSWER));
  };

  const normalised = normaliseBaseUrl(url);
  const server = normalised.ok ? normalised.baseUrl : null;
  return (
    <main class="options">
      <h1>Timekeeper for GitLab</h1>
      <section aria-labelledby="connected-heading">
        <h2 id="connected-heading">Connected GitLabs</h2>
        <InstanceList instances={instances} now={Date.now()} onReconnect={onReconnect} onDisconnect={(i) => void onDisconnect(i)} onAllowAccess={onAllowAccess} />
      </section>
      <form onSubmit={onConnect} class="connect" noValidate>
        <h2>Connect a GitLab</h2>
        <label>
          GitLab URL
          <input type="url" name="url" value={url} onInput={(e) => setUrl(e.currentTarget.value)} autoComplete="url" spellcheck={false} />
        </label>
        <fieldset class="method">
          <legend>Sign in with</legend>
          <label>
            <input type="radio" name="method" value="token" checked={method === 'token'} onChange={() => setMethod('token')} /> a personal access token
          </label>
          <label>
            <input type="radio" name="method" value="oauth" checked={method === 'oauth'} onChange={() => setMethod('oauth')} /> OAuth (an application you add in GitLab)
          </label>
        </fieldset>
        {method === 'token' ? (
          <>
            <label>
              Access token
              <input ref={secretField} type="password" name="token" value={token} onInput={(e) => setToken(e.currentTarget.value)} autoComplete="off" spellcheck={false} />
            </label>
            <p class="muted help">
              A personal access token with the <code>api</code> scope ({server && <a href={tokenPageUrl(server)} target="_blank" rel="noreferrer">create one on {new URL(server).host}</a>}
              {server ? '' : 'create one in GitLab'}; a <code>read_api</code> token only reads). It is stored only in this browser and sent only to that GitLab.
            </p>
            <button type="submit" class="primary" disabled={busy}>
              {busy ? 'Connecting…' : 'Connect'}
            </button>
          </>
        ) : (
          <>
            <label>
              Application ID
              <input ref={secretField} type="text" name="clientId" value={clientId} onInput={(e) => setClientId(e.currentTarget.value)} autoComplete="off" spellcheck={false} />
            </label>
            <label>
              Redirect URL
              <input type="text" readOnly value={api.redirectUrl()} onFocus={(e) => e.currentTarget.select()} />
            </label>
            <p class="muted help">
              Add an application in GitLab ({server && <a href={applicationsPageUrl(server)} target="_blank" rel="noreferrer">applications on {new URL(server).host}</a>}
              {server ? '' : 'User settings, Applications'}) with this redirect URL, the <code>api</code> scope, and <em>Confidential</em> unticked; then paste its application ID. Access tokens
              are renewed as they expire and stay in this browser.
            </p>
            <button type="submit" class="primary" disabled={busy}>
              {busy ? 'Signing in…' : 'Sign in with GitLab'}
            </button>
          </>
        )}
        {error && <div role="alert" class="error">{error}</div>}
        {status && <p role="status" class="status">{status}</p>}
      </form>
      <Settings api={settingsApi} />
      <section aria-labelledby="timesheet-heading">
        <h2 id="timesheet-heading">Your time logs</h2>
        <p>
          <a href="timesheet.html">Timesheet</a>: the time you logged in a week on every connected GitLab, to check, correct or export it.
        </p>
      </section>
      <Shortcuts api={shortcutsApi} />
    </main>
  );
}
