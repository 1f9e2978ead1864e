import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatGitLabDuration, parseGitLabDuration } from '@/lib/gitlab/duration';
import { checkDay, SUMMARY_MAX, summaryTooLong } from '@/lib/timesheet/new-log';
import { t } from '@/lib/model/i18n';

/** What a changed log becomes: GitLab gets it as a new log replacing the old one. */
export interface TimeLogChange {
  seconds: number;
  /** The local day, `YYYY-MM-DD`. */
  date: string;
  summary: string;
}

interface Props {
  /** The log as it is. */
  seconds: number;
  date: string;
  summary: string | null;
  /** Today (`YYYY-MM-DD`): no later day is accepted. */
  today: string;
  /** Says which log; read as the button's description. */
  describedBy?: string;
  /** True when the change was taken (it clears and closes the form). */
  onChange: (change: TimeLogChange) => boolean | Promise<boolean>;
}

type Field = 'duration' | 'date' | 'summary';

/**
 * Change time log: its time, day and summary in a small form. GitLab cannot edit a time log, so
 * the change is a new log that replaces this one (the old one is deleted once the new one landed).
 */
export function ChangeTimeLog({ seconds, date, summary, today, describedBy, onChange }: Props) {
  const id = useId();
  const initial = () => ({ duration: formatGitLabDuration(seconds, { limitToHours: true }), date, summary: summary ?? '' });
  const [open, setOpen] = useState(false);
  const [fields, setFields] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const focus = useRef<'first' | 'toggle' | null>(null);
  useLayoutEffect(() => {
    if (focus.current === 'first') first.current?.focus();
    else if (focus.current === 'toggle') toggle.current?.focus();
    focus.current = null;
  });

  const show = (next: boolean) => {
    setOpen(next);
    if (next) {
      setFields(initial());
      setErrors({});
    }
    focus.current = next ? 'first' : 'toggle';
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const next: Partial<Record<Field, string>> = {};
    const duration = parseGitLabDuration(fields.duration, { allowNegative: true });
    if (!duration.ok) next.duration = duration.error;
    const day = checkDay(fields.date, today);
    if (!day.ok) next.date = day.error;
    const text = fields.summary.trim();
    if (text.length > SUMMARY_MAX) next.summary = summaryTooLong(text.length);
    if (!duration.ok || !day.ok || next.summary) {
      setErrors(next);
      return;
    }
    setBusy(true);
    let taken = false;
    try {
      taken = (await onChange({ seconds: duration.negative ? -duration.seconds : duration.seconds, date: day.day, summary: text })) === true;
    } catch {
      taken = false;
    } finally {
      setBusy(false);
    }
    if (taken) show(false);
  };

  const field = (name: Field, label: string, attrs: Record<string, unknown>) => (
    <div class="tk-ts-field">
      <label for={`${id}-${name}`}>{label}</label>
      <input
        ref={name === 'duration' ? first : undefined}
        id={`${id}-${name}`}
        autoComplete="off"
        value={fields[name]}
        aria-invalid={Boolean(errors[name])}
        aria-describedby={`${id}-${name}-note`}
        disabled={busy}
        onInput={(event) => {
          const value = event.currentTarget.value;
          setFields((f) => ({ ...f, [name]: value }));
          setErrors((e) => ({ ...e, [name]: undefined }));
        }}
        {...attrs}
      />
      <p id={`${id}-${name}-note`} class={errors[name] ? 'tk-ts-note tk-ts-invalid' : 'tk-ts-note'} aria-live="polite">
        {errors[name] ?? ''}
      </p>
    </div>
  );

  return (
    <span class="tk-ts-change">
      <button ref={toggle} type="button" class="tk-ts-change-toggle" aria-describedby={describedBy} aria-expanded={open} onClick={() => show(!open)}>
        {t('changeTimeLog')}
      </button>
      {open && (
        <form class="tk-ts-add-form" noValidate onSubmit={(event) => void submit(event)} onKeyDown={(event) => event.key === 'Escape' && !busy && show(false)}>
          {field('duration', t('timeSpent'), { placeholder: '1h 30m' })}
          {field('date', t('date'), { type: 'date', max: today })}
          {field('summary', t('summary'), { maxLength: SUMMARY_MAX, placeholder: t('optional') })}
          <div class="tk-ts-row">
            <button type="submit" class="tk-ts-primary" disabled={busy}>
              {t('saveChange')}
            </button>
            <button type="button" disabled={busy} onClick={() => show(false)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
    </span>
  );
}
