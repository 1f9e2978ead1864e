import { useEffect, useRef, useState } from 'preact/hooks';
import { normaliseBaseUrl } from '@/lib/gitlab/client';
import type { Instance } from '@/lib/model/storage';
import { InstanceList } from './InstanceList';
import type { OptionsApi, SettingsApi, ShortcutsApi } from '@/lib/options/api';
import { Settings } from './Settings';
import { Shortcuts } from './Shortcuts';
import { t } from '@/lib/model/i18n';
import { SLOTS, withNodes } from '@/components/shared/slots';

type Method = 'token' | 'oauth';

function tokenPageUrl(baseUrl: string): string {
  return `${baseUrl}/-/user_settings/personal_access_tokens?name=Timekeeper&scopes=api`;
}

function applicationsPageUrl(baseUrl: string): string {
  return `${baseUrl}/-/user_settings/applications`;
}


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

  const refresh = () => api.listInstances().then(setInstances, () => setError(t('optionsNoAnswer')));
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
      setError(t('enterAccessToken'));
      return;
    }
    if (method === 'oauth' && !clientId.trim()) {
      setError(t('enterApplicationId'));
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
        const who = t('connectedAsOn', [result.instance.username, host]);
        setStatus(result.pageAccess ? who : `${who} ${t('allowAccessWhenAsked', host)}`);
        await refresh();
        void access.then((granted) => {
          if (granted) setStatus(who);
          else setError(t('withoutPageAccess', host));
        });
      })
      .catch(() => setError(t('optionsNoAnswer')))
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
      setStatus(t('signInAgain', host));
    } else {
      setMethod('token');
      setStatus(t('pasteNewToken', host));
    }
    queueMicrotask(() => secretField.current?.focus());
  };

  const onDisconnect = async (instance: Instance) => {
    setError(null);
    const result = await api.disconnect(instance.baseUrl).catch(() => ({ ok: false, error: t('optionsNoAnswer') }));
    if (!result.ok) setError(result.error ?? t('couldNotDisconnect'));
    else setStatus(t('disconnectedHost', new URL(instance.baseUrl).host));
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
          setError(t('accessNotGiven', host));
          return;
        }
        const result = await api.restoreAccess(instance.baseUrl);
        if (result.ok) setStatus(t('connectedAgain', [result.instance.username, host]));
        else setError(result.error);
        await refresh();
      }, () => setError(t('optionsNoAnswer')));
  };

  const normalised = normaliseBaseUrl(url);
  const server = normalised.ok ? normalised.baseUrl : null;
  /** A link to a page of the GitLab being connected, named with its host; `unknown` until its address is valid. */
  const pageLink = (page: (baseUrl: string) => string, named: (host: string) => string, unknown: string) =>
    server ? (
      <a href={page(server)} target="_blank" rel="noreferrer">
        {named(new URL(server).host)}
      </a>
    ) : (
      unknown
    );
  return (
    <main class="options">
      <h1>{t('extensionName')}</h1>
      <section aria-labelledby="connected-heading">
        <h2 id="connected-heading">{t('connectedGitLabs')}</h2>
        <InstanceList instances={instances} now={Date.now()} onReconnect={onReconnect} onDisconnect={(i) => void onDisconnect(i)} onAllowAccess={onAllowAccess} />
      </section>
      <form onSubmit={onConnect} class="connect" noValidate>
        <h2>{t('connectAGitLab')}</h2>
        <label>
          {t('gitlabUrl')}
          <input type="url" name="url" value={url} onInput={(e) => setUrl(e.currentTarget.value)} autoComplete="url" spellcheck={false} />
        </label>
        <fieldset class="method">
          <legend>{t('signInWith')}</legend>
          <label>
            <input type="radio" name="method" value="token" checked={method === 'token'} onChange={() => setMethod('token')} /> {t('methodToken')}
          </label>
          <label>
            <input type="radio" name="method" value="oauth" checked={method === 'oauth'} onChange={() => setMethod('oauth')} /> {t('methodOAuth')}
          </label>
        </fieldset>
        {method === 'token' ? (
          <>
            <label>
              {t('accessToken')}
              <input ref={secretField} type="password" name="token" value={token} onInput={(e) => setToken(e.currentTarget.value)} autoComplete="off" spellcheck={false} />
            </label>
            <p class="muted help">
              {withNodes(
                t('tokenHelp', SLOTS),
                <code>api</code>,
                pageLink(tokenPageUrl, (host) => t('createTokenOn', host), t('createTokenInGitLab')),
                <code>read_api</code>,
              )}
            </p>
            <button type="submit" class="primary" disabled={busy}>
              {busy ? t('connecting') : t('connect')}
            </button>
          </>
        ) : (
          <>
            <label>
              {t('applicationId')}
              <input ref={secretField} type="text" name="clientId" value={clientId} onInput={(e) => setClientId(e.currentTarget.value)} autoComplete="off" spellcheck={false} />
            </label>
            <label>
              {t('redirectUrl')}
              <input type="text" readOnly value={api.redirectUrl()} onFocus={(e) => e.currentTarget.select()} />
            </label>
            <p class="muted help">
              {withNodes(
                t('oauthHelp', SLOTS),
                pageLink(applicationsPageUrl, (host) => t('applicationsOn', host), t('applicationsInGitLab')),
                <code>api</code>,
              )}
            </p>
            <button type="submit" class="primary" disabled={busy}>
              {busy ? t('signingIn') : t('signInWithGitLab')}
            </button>
          </>
        )}
        {error && <div role="alert" class="error">{error}</div>}
        {status && <p role="status" class="status">{status}</p>}
      </form>
      <Settings api={settingsApi} />
      <section aria-labelledby="timesheet-heading">
        <h2 id="timesheet-heading">{t('yourTimeLogs')}</h2>
        <p>
          {withNodes(t('timesheetLinkHelp', SLOTS), <a href="timesheet.html">{t('timesheet')}</a>)}
        </p>
      </section>
      <Shortcuts api={shortcutsApi} />
    </main>
  );
}
