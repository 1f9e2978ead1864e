import { age, hostOf, type InstanceNote } from '@/lib/popup/list-model';
import { t } from '@/lib/model/i18n';

/** The id of a read-only GitLab's note, so its disabled buttons can point at the reason (aria-describedby). */
export function readOnlyNoteId(baseUrl: string): string {
  return `read-only-${baseUrl.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

interface Props {
  notes: InstanceNote[];
  now: number;
  onReconnect(): void;
}

/**
 * One line per GitLab that failed, with its last good list's age, and one per GitLab that takes
 * no changes, with why; the other GitLabs carry on. Each GitLab gets at most one Reconnect.
 */
export function InstanceProblems({ notes, now, onReconnect }: Props) {
  if (!notes.length) return null;
  return (
    <div class="problems" aria-live="polite">
      {notes.map((n) => {
        const host = hostOf(n.baseUrl);
        const reconnect = (
          <>
            {' '}
            <button type="button" class="link" onClick={onReconnect}>
              {t('reconnectHost', host)}
            </button>
          </>
        );
        const errorReconnects = n.code === 'unauthorized' || n.code === 'not-connected' || n.code === 'forbidden';
        return (
          <div key={n.baseUrl}>
            {n.error && (
              <div class="error">
                {n.from === 'mergeRequests' ? t('mergeRequestsNotLoaded', [host, n.error]) : <><strong>{host}:</strong> {n.error}</>}
                {n.kept > 0 && n.fetchedAt > 0 && ` ${t('showingIssuesFrom', age(n.fetchedAt, now))}`}
                {errorReconnects && reconnect}
              </div>
            )}
            {n.readOnly && (
              <div class="warning">
                <span id={readOnlyNoteId(n.baseUrl)}>{n.readOnly}</span>
                {!(n.error && errorReconnects) && reconnect}
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}
