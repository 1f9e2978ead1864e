import { formatGitLabDuration } from '@/lib/gitlab/duration';
import { itemLink, itemReference } from '@/lib/model/item';
import { localDay } from '@/lib/popup/list-model';
import type { QueuedLog } from '@/lib/model/protocol';
import { t } from '@/lib/model/i18n';

interface Props {
  logs: QueuedLog[];
  onRetry(log: QueuedLog): void;
  onDiscard(log: QueuedLog): void;
  onCopy(log: QueuedLog): void;
}

/** Time logs GitLab refused (no permission, issue gone, token revoked): the user decides. */
export function NeedsAttention({ logs, onRetry, onDiscard, onCopy }: Props) {
  if (!logs.length) return null;
  return (
    <section class="attention" aria-labelledby="attention-heading">
      <h2 id="attention-heading" class="section">{t('needsAttention')}</h2>
      <ul class="attention-list">
        {logs.map((log) => {
          const reference = itemReference(log.item);
          const what = `${formatGitLabDuration(log.seconds)} for ${reference}`;
          return (
            <li key={log.id} aria-label={`${what} not logged`}>
              <div>
                <strong>{formatGitLabDuration(log.seconds)}</strong> for{' '}
                <a href={itemLink(log.item)} target="_blank" rel="noreferrer">
                  {reference}
                </a>
                {log.item.title ? ` ${log.item.title}` : ''} <span class="muted">· {localDay(log.spentAt)}</span>
              </div>
              {log.lastError && <p class="error-text">{log.lastError}</p>}
              <div class="actions">
                <button type="button" aria-label={`Retry ${what}`} onClick={() => onRetry(log)}>
                  {t('retry')}
                </button>
                <button type="button" aria-label={`Discard ${what}`} onClick={() => onDiscard(log)}>
                  {t('discard')}
                </button>
                <button type="button" aria-label={`${t('copyAsSpend')} ${what}`} onClick={() => onCopy(log)}>
                  {t('copyAsSpend')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
