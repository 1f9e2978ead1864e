import { formatGitLabDuration, parseGitLabDuration } from '@/lib/gitlab/duration';

interface Props {
  id: string;
  /** The accessible name (docs/ui-contract.md): "Estimate", "Time spent". */
  label: string;
  value: string;
  onInput: (value: string) => void;
  /** Spent time may start with `-` to subtract; an estimate may not. */
  allowNegative?: boolean;
  limitToHours: boolean;
  disabled: boolean;
  placeholder: string;
}

/**
 * A GitLab duration field. Under it, as the user types, what will be sent (`= 3h 30m`), or why
 * GitLab would not accept the text, so nothing invalid is ever sent.
 */
export function DurationInput({ id, label, value, onInput, allowNegative = false, limitToHours, disabled, placeholder }: Props) {
  const parsed = value.trim() ? parseGitLabDuration(value, { allowNegative }) : null;
  let note = '';
  if (parsed?.ok) {
    const text = formatGitLabDuration(parsed.seconds, { limitToHours });
    note = parsed.negative ? `= −${text} (subtracts)` : `= ${text}`;
  } else if (parsed) note = parsed.error;
  return (
    <>
      <label for={id}>{label}</label>
      <input
        id={id}
        autoComplete="off"
        value={value}
        placeholder={placeholder}
        disabled={disabled}
        aria-invalid={parsed?.ok === false}
        aria-describedby={`${id}-note`}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      <p id={`${id}-note`} class="tk-note" aria-live="polite">
        {note}
      </p>
    </>
  );
}
