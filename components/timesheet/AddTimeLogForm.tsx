import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatGitLabDuration, parseGitLabDuration } from '@/lib/gitlab/duration';
import { SUMMARY_MAX, checkNewTimeLog, type NewTimeLog, type NewTimeLogErrors, type NewTimeLogFields } from '@/lib/timesheet/new-log';
import { parseItemReference } from '@/lib/timesheet/reference';
import { instanceLabel, referenceOf } from '@/lib/timesheet/week';
import { t } from '@/lib/model/i18n';

export interface AddTimeLogFormProps {
  /** Base URLs of the connected GitLabs; an address must be on one of them. */
  instances: readonly string[];
  /** The GitLab a bare reference (`group/project#12`) means; without it, and with several GitLabs, an address is needed. */
  defaultInstance?: string;
  /** Today as a local day (`YYYY-MM-DD`, `localDay(Date.now(), timeZone)`): no later day is accepted. */
  today: string;
  /** The day the Date field starts at (e.g. a day of the week shown); today when absent. */
  defaultDate?: string;
  /** Allow `-30m` to subtract time (default true, as GitLab's /spend does). */
  allowNegative?: boolean;
  /** GitLab's "Limit display to hours", for the preview of the duration. */
  limitToHours?: boolean;
  /** Creates the log in GitLab; true when it worked, which clears and closes the form. */
  onSubmit: (log: NewTimeLog) => boolean | Promise<boolean>;
  /** Why GitLab refused the last attempt, if it did. */
  error?: string | null;
}

type Field = keyof NewTimeLogFields;
const ORDER: readonly Field[] = ['reference', 'duration', 'date', 'summary'];

/**
 * "Add time log" opens a form to log time on any issue or merge request, for any day up to
 * today: Issue or merge request, Time spent, Date, Summary, then Log time. What would be
 * sent is previewed as it is typed; nothing invalid is sent, and each field says what is wrong.
 */
export function AddTimeLogForm({ instances, defaultInstance, today, defaultDate, allowNegative = true, limitToHours = false, onSubmit, error }: AddTimeLogFormProps) {
  const id = useId();
  const empty = (): NewTimeLogFields => ({ reference: '', duration: '', date: defaultDate ?? today, summary: '' });
  const [open, setOpen] = useState(false);
  const [fields, setFields] = useState<NewTimeLogFields>(empty);
  const [errors, setErrors] = useState<NewTimeLogErrors>({});
  const [busy, setBusy] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const focusField = useRef<Field | null>(null);
  const returnFocus = useRef(false);

  useLayoutEffect(() => {
    if (focusField.current && form.current) {
      form.current.ownerDocument.getElementById(`${id}-${focusField.current}`)?.focus();
      focusField.current = null;
    } else if (returnFocus.current) {
      toggle.current?.focus();
      returnFocus.current = false;
    }
  });

  const show = (next: boolean) => {
    setOpen(next);
    if (next) {
      setFields(empty());
      setErrors({});
      focusField.current = 'reference';
    } else returnFocus.current = true;
  };

  const set = (field: Field, value: string) => {
    setFields((f) => ({ ...f, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const check = checkNewTimeLog(fields, { instances, defaultInstance, today, allowNegative });
    if (!check.ok) {
      setErrors(check.errors);
      focusField.current = ORDER.find((f) => check.errors[f]) ?? null;
      return;
    }
    setErrors({});
    setBusy(true);
    let logged = false;
    try {
      logged = (await onSubmit(check.log)) === true;
    } catch {
      logged = false;
    } finally {
      setBusy(false);
    }
    if (logged) show(false);
  };

  // Live previews of what would be sent, or why not, as the user types.
  let referenceNote = errors.reference ?? '';
  if (!referenceNote && fields.reference.trim()) {
    const parsed = parseItemReference(fields.reference, instances, { defaultInstance });
    referenceNote = parsed.ok ? t('previewOn', [referenceOf(parsed.ref), instanceLabel(parsed.ref.instanceId)]) : '';
  }
  let durationNote = errors.duration ?? '';
  if (!durationNote && fields.duration.trim()) {
    const parsed = parseGitLabDuration(fields.duration, { allowNegative });
    if (parsed.ok) {
      const text = formatGitLabDuration(parsed.seconds, { limitToHours });
      durationNote = parsed.negative ? t('previewSubtracts', text) : `= ${text}`;
    } else durationNote = parsed.error;
  }
  const notes: Record<Field, string> = { reference: referenceNote, duration: durationNote, date: errors.date ?? '', summary: errors.summary ?? '' };

  const input = (field: Field, label: string, attrs: Record<string, unknown>) => {
    const fieldId = `${id}-${field}`;
    const invalid = Boolean(errors[field]) || (field === 'duration' && Boolean(fields.duration.trim()) && !parseGitLabDuration(fields.duration, { allowNegative }).ok);
    return (
      <div class="tk-ts-field">
        <label for={fieldId}>{label}</label>
        <input
          id={fieldId}
          autoComplete="off"
          value={fields[field]}
          aria-invalid={invalid}
          aria-describedby={`${fieldId}-note`}
          disabled={busy}
          onInput={(event) => set(field, event.currentTarget.value)}
          {...attrs}
        />
        <p id={`${fieldId}-note`} class={invalid ? 'tk-ts-note tk-ts-invalid' : 'tk-ts-note'} aria-live="polite">
          {notes[field]}
        </p>
      </div>
    );
  };

  return (
    <div class="tk-ts-add">
      <button ref={toggle} type="button" aria-expanded={open} aria-controls={open ? `${id}-form` : undefined} onClick={() => show(!open)}>
        {t('addTimeLog')}
      </button>
      {open && (
        <form ref={form} id={`${id}-form`} class="tk-ts-add-form" noValidate onSubmit={(event) => void submit(event)} onKeyDown={(event) => event.key === 'Escape' && !busy && show(false)}>
          {input('reference', t('issueOrMergeRequest'), { placeholder: t('referencePlaceholder'), spellcheck: false })}
          {input('duration', t('timeSpent'), { placeholder: allowNegative ? t('durationPlaceholderNegative') : '1h 30m' })}
          {input('date', t('date'), { type: 'date', max: today })}
          {input('summary', t('summary'), { maxLength: SUMMARY_MAX, placeholder: t('optional') })}
          <div class="tk-ts-row">
            <button type="submit" class="tk-ts-primary" disabled={busy}>
              {t('logTime')}
            </button>
            <button type="button" disabled={busy} onClick={() => show(false)}>
              {t('cancel')}
            </button>
          </div>
          {error && (
            <p role="alert" class="tk-ts-error">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
