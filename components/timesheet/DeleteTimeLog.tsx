import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/model/i18n';

interface Props {
  /** Says which log (e.g. "1h 30m on acme/web#12, Monday 3 March 2025"); read as the buttons' description. */
  describedBy?: string;
  /** Deletes the log in GitLab; the confirmation is asked here first. */
  onDelete: () => unknown;
}

/**
 * Deleting a time log takes its time off the item in GitLab, so it asks first, inline: the
 * question replaces the button, and the confirming button starts with the same words ("Delete
 * time log: confirm"), so there is only ever one of the two on screen per log.
 */
export function DeleteTimeLog({ describedBy, onDelete }: Props) {
  const [state, setState] = useState<'idle' | 'asking' | 'deleting'>('idle');
  const confirm = useRef<HTMLButtonElement>(null);
  const first = useRef(true);
  const start = useRef<HTMLButtonElement>(null);
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);
  // Keyboard users land on the choice they have to make, and back where they were after it.
  useLayoutEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (state === 'asking') confirm.current?.focus();
    else if (state === 'idle') start.current?.focus();
  }, [state]);

  if (state === 'idle') {
    return (
      <button ref={start} type="button" class="tk-ts-delete" aria-describedby={describedBy} onClick={() => setState('asking')}>
        {t('deleteTimeLog')}
      </button>
    );
  }
  const run = async () => {
    setState('deleting');
    try {
      await onDelete();
    } finally {
      if (mounted.current) setState('idle');
    }
  };
  return (
    <span
      class="tk-ts-confirm"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || state !== 'asking') return;
        event.preventDefault();
        setState('idle');
      }}
    >
      <button ref={confirm} type="button" class="tk-ts-delete-confirm" aria-describedby={describedBy} disabled={state === 'deleting'} onClick={() => void run()}>
        {t('deleteTimeLogConfirm')}
      </button>
      <button type="button" disabled={state === 'deleting'} onClick={() => setState('idle')}>
        {t('cancel')}
      </button>
    </span>
  );
}
