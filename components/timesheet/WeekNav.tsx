import { useId } from 'preact/hooks';
import { parseDay } from '@/lib/timesheet/calendar';
import { weekRangeLabel } from '@/lib/timesheet/format';
import type { Week } from '@/lib/timesheet/week';
import { t } from '@/lib/model/i18n';

export interface WeekNavProps {
  /** The week shown. */
  week: Week;
  locale?: string;
  /** True when the week shown holds today; This week is then marked as the current one. */
  isThisWeek?: boolean;
  onPrevious: () => void;
  onNext: () => void;
  onThisWeek: () => void;
  /** A day the user picked (`YYYY-MM-DD`); show the week that holds it (`weekOfDay`). */
  onPickDay: (day: string) => void;
}

/** Previous week, Next week, This week, and a date field to show the week of any day. */
export function WeekNav({ week, locale, isThisWeek = false, onPrevious, onNext, onThisWeek, onPickDay }: WeekNavProps) {
  const id = useId();
  return (
    <nav class="tk-ts-nav" aria-label={t('weeks')}>
      <button type="button" onClick={onPrevious}>
        {t('previousWeek')}
      </button>
      <button type="button" aria-current={isThisWeek ? 'date' : undefined} onClick={onThisWeek}>
        {t('thisWeekButton')}
      </button>
      <button type="button" onClick={onNext}>
        {t('nextWeek')}
      </button>
      <span class="tk-ts-range" aria-live="polite">
        {weekRangeLabel(week, locale)}
      </span>
      <label for={id}>{t('showWeekOf')}</label>
      <input
        id={id}
        type="date"
        value={week.days[0]!.date}
        onChange={(event) => {
          const day = parseDay(event.currentTarget.value);
          if (day !== null) onPickDay(day);
        }}
      />
    </nav>
  );
}
