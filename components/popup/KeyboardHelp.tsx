import { SHORTCUTS } from '@/lib/popup/keys';
import { t } from '@/lib/model/i18n';

export function KeyboardHelp({ onClose }: { onClose(): void }) {
  return (
    <div role="dialog" aria-label={t('keyboardShortcuts')} class="keys-help">
      <div class="keys-head">
        <h2 class="section">{t('keyboardShortcuts')}</h2>
        <button type="button" class="tk-quiet" aria-label={t('closeKeyboardShortcuts')} onClick={onClose}>
          ×
        </button>
      </div>
      <dl>
        {SHORTCUTS.map((s) => (
          <div key={s.keys}>
            <dt>
              <kbd>{s.keys}</kbd>
            </dt>
            <dd>{s.what()}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
