import { useState } from 'preact/hooks';
import { DurationForm } from './DurationForm';
import { t } from '@/lib/model/i18n';

/** GitLab refuses longer summaries (`timelogs.summary`: 255 characters at most). */
export const SUMMARY_MAX = 255;

interface Props {
  limitToHours: boolean;
  disabled: boolean;
  busy: boolean;
  /** `spentAt` only for a day before today. */
  onLog: (seconds: number, summary: string, spentAt?: number) => Promise<boolean>;
}

/** `YYYY-MM-DD` of a local day, as a date input speaks. */
function dayOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** Noon of a past day, so the day is the same in any nearby time zone; nothing for today. */
export function spentAtOf(day: string, today = dayOf(new Date())): number | undefined {
  const [y, m, d] = day.split('-').map(Number);
  if (!day || day >= today || !y || !m || !d) return undefined;
  return new Date(y, m - 1, d, 12).getTime();
}

/** Logs typed time (a leading `-` subtracts) with an optional summary and day. */
export function LogTimeForm({ limitToHours, disabled, busy, onLog }: Props) {
  const [summary, setSummary] = useState('');
  const [day, setDay] = useState('');
  const log = async (seconds: number) => {
    const logged = await onLog(seconds, summary, spentAtOf(day));
    if (logged) {
      setSummary('');
      setDay('');
    }
    return logged;
  };
  return (
    <DurationForm
      id="tk-spent"
      label={t('timeSpent')}
      placeholder={t('durationPlaceholderNegative')}
      allowNegative
      limitToHours={limitToHours}
      disabled={disabled}
      onSubmit={log}
      extra={
        <>
          <label for="tk-summary">{t('summaryOptional')}</label>
          <input id="tk-summary" autoComplete="off" maxLength={SUMMARY_MAX} value={summary} disabled={disabled} onInput={(event) => setSummary(event.currentTarget.value)} />
          <label for="tk-day">{t('dateTodayIfEmpty')}</label>
          <input id="tk-day" type="date" max={dayOf(new Date())} value={day} disabled={disabled} onInput={(event) => setDay(event.currentTarget.value)} />
        </>
      }
    >
      <button type="submit" disabled={disabled || busy}>
        {t('logTime')}
      </button>
    </DurationForm>
  );
}
