import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/model/i18n';

interface Props {
  /** What the item is, in words: `issue` or `merge request`. */
  noun: string;
  /** GitLab's words for the total that would be removed, e.g. `1h 30m`; null when there is none. */
  spent: string | null;
  disabled: boolean;
  onReset: () => Promise<boolean>;
}

/**
 * Resetting removes every minute logged on the item, so it asks first, inline: the question
 * replaces the button, and the confirming button starts with the same words ("Reset spent time:
 * confirm"), so there is only ever one control by that name on screen.
 */
export function ResetSpentTime({ noun, spent, disabled, onReset }: Props) {
  const [asking, setAsking] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  // Keyboard users land on the choice they have to make.
  useEffect(() => confirm.current?.focus(), [asking]);

  if (!asking) {
    return (
      <button type="button" class="tk-quiet tk-danger" disabled={disabled || !spent} onClick={() => setAsking(true)}>
        {t('resetSpentTime')}
      </button>
    );
  }
  return (
    <div class="tk-row" onKeyDown={(event) => event.key === 'Escape' && setAsking(false)}>
      <span>
        {noun === 'issue' ? t('removeAllOnIssue', spent ?? '') : t('removeAllOnMergeRequest', spent ?? '')}
      </span>
      <button ref={confirm} type="button" class="tk-danger-solid" disabled={disabled} onClick={() => void onReset().finally(() => setAsking(false))}>
        {t('resetSpentTimeConfirm')}
      </button>
      <button type="button" disabled={disabled} onClick={() => setAsking(false)}>
        {t('cancel')}
      </button>
    </div>
  );
}
