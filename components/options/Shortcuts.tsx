import { useEffect, useState } from 'preact/hooks';
import type { ShortcutCommand, ShortcutsApi } from '@/lib/options/api';



const NAMES: Record<string, string> = {
  _execute_action: 'Open the Timekeeper popup',
  _execute_browser_action: 'Open the Timekeeper popup',
};

/** The keyboard shortcuts as the browser has them now, and how to change them. */
export function Shortcuts({ api }: { api: ShortcutsApi }) {
  const [commands, setCommands] = useState<ShortcutCommand[]>([]);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const reload = () => api.list().then(setCommands, () => setError('Could not read the shortcuts.'));
  useEffect(() => void reload(), []);

  const save = async (name: string) => {
    setError(null);
    try {
      await api.update!(name, (drafts[name] ?? '').trim());
      setStatus('Shortcut saved.');
      await reload();
    } catch (e) {
      setError(`The browser refused that shortcut: ${e instanceof Error ? e.message : String(e)}. Use something like Alt+Shift+S.`);
    }
  };

  return (
    <section aria-labelledby="shortcuts-heading" class="settings">
      <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
      <ul class="shortcuts">
        {commands.map((c) => (
          <li key={c.name}>
            <span>{NAMES[c.name] ?? c.description}</span>
            {api.update ? (
              <span>
                <input
                  aria-label={`Shortcut for ${NAMES[c.name] ?? c.description}`}
                  value={drafts[c.name] ?? c.shortcut}
                  placeholder="Not set"
                  onInput={(e) => setDrafts({ ...drafts, [c.name]: e.currentTarget.value })}
                />{' '}
                <button type="button" onClick={() => void save(c.name)}>
                  Save shortcut
                </button>
              </span>
            ) : (
              <kbd>{c.shortcut || 'Not set'}</kbd>
            )}
          </li>
        ))}
      </ul>
      {api.openBrowserShortcuts ? (
        <p class="muted">
          Change them on the browser's shortcuts page.{' '}
          <button type="button" onClick={api.openBrowserShortcuts}>
            Change shortcuts
          </button>
        </p>
      ) : (
        <p class="muted">Type a combination such as Alt+Shift+S and save it, or use Firefox's Add-ons page: gear menu, Manage Extension Shortcuts.</p>
      )}
      {error && <div role="alert" class="error">{error}</div>}
      {status && !error && <p class="muted">{status}</p>}
    </section>
  );
}
