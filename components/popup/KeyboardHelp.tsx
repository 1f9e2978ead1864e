import { SHORTCUTS } from '@/lib/popup/keys';

export function KeyboardHelp({ onClose }: { onClose(): void }) {
  return (
    <div role="dialog" aria-label="Keyboard shortcuts" class="keys-help">
      <div class="keys-head">
        <h2 class="section">Keyboard shortcuts</h2>
        <button type="button" class="tk-quiet" aria-label="Close keyboard shortcuts" onClick={onClose}>
          ×
        </button>
      </div>
      <dl>
        {SHORTCUTS.map((s) => (
          <div key={s.keys}>
            <dt>
              <kbd>{s.keys}</kbd>
            </dt>
            <dd>{s.what}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
