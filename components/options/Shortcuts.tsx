import { useEffect, useState } from 'preact/hooks';
import type { ShortcutCommand, ShortcutsApi } from '@/lib/options/api';
import { t } from '@/lib/model/i18n';

/** The popup's command has no description of its own in the manifest. */
const POPUP_COMMANDS = new Set(['_execute_action', '_execute_browser_action']);
const nameOf = (c: ShortcutCommand) => (POPUP_COMMANDS.has(c.name) ? t('commandOpenPopup') : c.description);

/** The keyboard shortcuts as the browser has them now, and how to change them. */
export function Shortcuts({ api }: { api: ShortcutsApi }) {
  const [commands, setCommands] = useState<ShortcutCommand[]>([]);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const reload = () => api.list().then(setCommands, () => setError(t('shortcutsUnreadable')));
  useEffect(() => void reload(), []);

  const save = async (name: string) => {
    setError(null);
    try {
      await api.update!(name, (drafts[name] ?? '').trim());
      setStatus(t('shortcutSaved'));
      await reload();
    } catch (e) {
      setError(t('shortcutRefused', e instanceof Error ? e.message : String(e)));
    }
  };

  return (
    <section aria-labelledby="shortcuts-heading" class="settings">
      <h2 id="shortcuts-heading">{t('keyboardShortcuts')}</h2>
      <ul class="shortcuts">
        {commands.map((c) => (
          <li key={c.name}>
            <span>{nameOf(c)}</span>
            {api.update ? (
              <span>
                <input
                  aria-label={t('shortcutFor', nameOf(c))}
                  value={drafts[c.name] ?? c.shortcut}
                  placeholder={t('notSet')}
                  onInput={(e) => setDrafts({ ...drafts, [c.name]: e.currentTarget.value })}
                />{' '}
                <button type="button" onClick={() => void save(c.name)}>
                  {t('saveShortcut')}
                </button>
              </span>
            ) : (
              <kbd>{c.shortcut || t('notSet')}</kbd>
            )}
          </li>
        ))}
      </ul>
      {api.openBrowserShortcuts ? (
        <p class="muted">
          {t('changeShortcutsHelp')}{' '}
          <button type="button" onClick={api.openBrowserShortcuts}>
            {t('changeShortcuts')}
          </button>
        </p>
      ) : (
        <p class="muted">{t('firefoxShortcutsHelp')}</p>
      )}
      {error && <div role="alert" class="error">{error}</div>}
      {status && !error && <p class="muted">{status}</p>}
    </section>
  );
}
