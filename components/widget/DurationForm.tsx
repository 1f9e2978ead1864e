import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { typedSeconds } from '@/lib/gitlab/duration';
import { DurationInput } from '../shared/DurationInput';
import { t } from '@/lib/model/i18n';

interface Props {
  id: string;
  label: string;
  placeholder: string;
  allowNegative?: boolean;
  limitToHours: boolean;
  disabled: boolean;
  /** Sends the duration (and whatever `extra` holds); true when it worked, which clears the form. */
  /** The typed duration as seconds (checked here: whole minutes, GitLab's grammar). */
  onSubmit: (seconds: number) => Promise<boolean>;
  /** Fields between the duration and the buttons (the summary of a time log). */
  extra?: ComponentChildren;
  /** The buttons; the first `type="submit"` one sends. */
  children: ComponentChildren;
}

/**
 * A duration with its buttons: estimate, or time spent. Invalid text is explained and never sent;
 * the field keeps focus so it can be fixed at once.
 */
export function DurationForm({ id, label, placeholder, allowNegative, limitToHours, disabled, onSubmit, extra, children }: Props) {
  const [value, setValue] = useState('');
  const [refused, setRefused] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const parsed = typedSeconds(value, { allowNegative });
    if (!parsed.ok) {
      setRefused(parsed.error);
      (event.currentTarget as HTMLFormElement).querySelector('input')?.focus();
      return;
    }
    setRefused(null);
    if (await onSubmit(parsed.seconds)) setValue('');
  };

  return (
    <form onSubmit={(event) => void submit(event)}>
      <DurationInput
        id={id}
        label={label}
        value={value}
        onInput={(text) => {
          setValue(text);
          setRefused(null);
        }}
        allowNegative={allowNegative}
        limitToHours={limitToHours}
        disabled={disabled}
        placeholder={placeholder}
      />
      {extra}
      <div class="tk-row">{children}</div>
      {refused && (
        <p role="alert" class="tk-error">
          {t('nothingSent', refused)}
        </p>
      )}
    </form>
  );
}
