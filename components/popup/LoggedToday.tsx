import { useEffect, useState } from 'preact/hooks';
import { formatGitLabDuration } from '@/lib/gitlab/duration';
import type { InstanceWeek, WeekRange } from '@/lib/model/timesheet';
import { loggedTotals, todayAndWeek, type Weekday } from '@/lib/popup/logged-today';
import { t } from '@/lib/model/i18n';

export interface LoggedTodayEnv {
  /** The week's logs: `cache` from storage only, `recent` from GitLab unless the stored answer is under a minute old. */
  weekLogs(range: WeekRange, mode: 'cache' | 'recent'): Promise<InstanceWeek[] | null>;
  openTimesheet(): void;
  /** The locale's first weekday. */
  firstDay: Weekday;
}

/**
 * Today's and this week's time on every connected GitLab, from the Timesheet's cached week,
 * asked again once per popup opening; and the way to the Timesheet.
 */
export function LoggedToday({ env, now = Date.now }: { env: LoggedTodayEnv; now?: () => number }) {
  const [totals, setTotals] = useState<{ today: number; week: number } | null>(null);
  useEffect(() => {
    const { today, week } = todayAndWeek(now(), env.firstDay);
    let live = true;
    const show = (weeks: InstanceWeek[] | null) => {
      if (live && weeks) setTotals(loggedTotals(weeks, today, week));
    };
    void (async () => {
      show(await env.weekLogs(week, 'cache'));
      show(await env.weekLogs(week, 'recent'));
    })();
    return () => void (live = false);
  }, [env]);
  return (
    <section class="logged-today" aria-label={t('loggedToday')}>
      <span>
        {t('today')} <strong>{totals ? formatGitLabDuration(totals.today) : '…'}</strong>
        <span class="muted"> · {t('thisWeek')} {totals ? formatGitLabDuration(totals.week) : '…'}</span>
      </span>
      <button type="button" class="tk-quiet" onClick={env.openTimesheet}>
        {t('timesheet')}
      </button>
    </section>
  );
}
