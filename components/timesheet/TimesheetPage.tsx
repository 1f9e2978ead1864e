import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { InstanceWeek, TimesheetLog } from '@/lib/model/timesheet';
import { readSnapshot, writeSnapshot, type TimesheetApi, type WeekAnswer } from '@/lib/timesheet/api';
import { localDay } from '@/lib/timesheet/calendar';
import { csvFileName, toCsv, toTsv } from '@/lib/timesheet/csv';
import { spentAtOfDay, type NewTimeLog } from '@/lib/timesheet/new-log';
import { buildWeek, instanceLabel, nextWeek, previousWeek, referenceOf, sameWeek, thisWeek, weekOfDay, type Week, type WeekOptions } from '@/lib/timesheet/week';
import { AddTimeLogForm } from './AddTimeLogForm';
import type { TimeLogChange } from './ChangeTimeLog';
import { DayChart } from './DayChart';
import { WeekNav } from './WeekNav';
import { WeekTable } from './WeekTable';
import { plural, t } from '@/lib/model/i18n';

export interface TimesheetPageProps {
  api: TimesheetApi;
  options: WeekOptions;
  locale?: string;
  /** The clock (tests freeze it). */
  now?: () => number;
  /** A day (`YYYY-MM-DD`) whose week to open with; this week when absent. */
  initialDay?: string;
  /**
   * Called once the table with an answer is on screen (the frame after it rendered): `kept`, the
   * answer kept from last time; `gitlab`, one just answered, with when it arrived
   * (`performance.now()`). The benchmark's hook.
   */
  onPainted?: (from: 'kept' | 'gitlab', arrivedAt: number | null) => void;
}

const rangeKey = (week: Week) => `${week.start}-${week.end}`;

/** "just now", "3 min ago", "2 h ago": how old the shown figures are. */
export function ageWords(at: number, now: number): string {
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return t('ageJustNow');
  if (minutes < 60) return plural('ageMinutes', minutes);
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? plural('ageHours', hours) : plural('ageDays', Math.floor(hours / 24));
}

/**
 * The Timesheet: the user's time logs of one week on every connected GitLab, as GitLab has them.
 * Painted at once from the last answer kept for the week, then asked of GitLab again.
 */
export function TimesheetPage({ api, options, locale, now = Date.now, initialDay, onPainted }: TimesheetPageProps) {
  const [week, setWeek] = useState<Week>(() => (initialDay ? weekOfDay(initialDay, options) : thisWeek(options, now())));
  const [answer, setAnswer] = useState<WeekAnswer | null>(() => readSnapshot(rangeKey(week)));
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [addError, setAddError] = useState<string | null>(null);
  const [instances, setInstances] = useState<string[]>([]);
  const asked = useRef(0);
  /** Where the answer on screen came from, and when a fresh one arrived. */
  const origin = useRef<{ from: 'kept' | 'gitlab'; at: number | null }>({ from: 'kept', at: null });

  const load = async (shown: Week, mode: 'fresh' | 'recent') => {
    const ask = ++asked.current;
    const range = { start: shown.start, end: shown.end };
    setLoading(true);
    try {
      if (!readSnapshot(rangeKey(shown))) {
        const stored = await api.week(range, 'cache');
        if (ask === asked.current && stored.ok && stored.cachedAt !== null) {
          origin.current = { from: 'kept', at: null };
          setAnswer({ weeks: stored.weeks, cachedAt: stored.cachedAt });
        }
      }
      const fresh = await api.week(range, mode);
      if (ask !== asked.current) return;
      if (!fresh.ok) {
        setError(fresh.error);
        return;
      }
      setError(null);
      const next = { weeks: fresh.weeks, cachedAt: fresh.cachedAt };
      origin.current = { from: 'gitlab', at: typeof performance === 'undefined' ? null : performance.now() };
      setAnswer(next);
      writeSnapshot(rangeKey(shown), next);
    } finally {
      if (ask === asked.current) setLoading(false);
    }
  };

  const [dayTarget, setDayTarget] = useState<number | undefined>(undefined);
  useEffect(() => {
    void api.listInstances().then((list) => setInstances(list.map((i) => i.baseUrl)));
    // The daily target is a setting of the options page; the chart shows 8h until it is read.
    void api.dayTarget?.().then(setDayTarget, () => undefined);
  }, [api]);

  const shownWeek = useRef(rangeKey(week));
  useEffect(() => {
    // The first week's kept answer is on screen from the first render.
    if (shownWeek.current !== rangeKey(week)) {
      shownWeek.current = rangeKey(week);
      origin.current = { from: 'kept', at: null };
      setAnswer(readSnapshot(rangeKey(week)));
    }
    void load(week, 'fresh');
  }, [week.start, week.end]);

  useEffect(() => {
    if (!onPainted || !answer) return;
    const { from, at } = origin.current;
    // The callback of the frame after this render runs once that render is painted.
    requestAnimationFrame(() => requestAnimationFrame(() => onPainted(from, at)));
  }, [answer]);

  const logs: TimesheetLog[] = useMemo(() => (answer?.weeks ?? []).flatMap((w) => w.logs), [answer]);
  const table = useMemo(() => buildWeek(logs, week), [logs, week]);
  const byInstance = useMemo(() => new Map((answer?.weeks ?? []).map((w) => [w.instanceId, w])), [answer]);
  const today = localDay(now(), options.timeZone);
  const isThisWeek = sameWeek(week, thisWeek(options, now()));

  const onDelete = async (log: TimesheetLog) => {
    const from: InstanceWeek | undefined = byInstance.get(log.instanceId);
    if (from?.readOnly) {
      setNotice(from.readOnly);
      return;
    }
    const result = await api.deleteTimelog(log.instanceId, log.id);
    if (!result.ok) {
      setNotice(result.error);
      return;
    }
    setNotice(log.item ? t('deletedTimeLogOn', referenceOf(log.item)) : t('deletedTimeLog'));
    setAnswer((current) => (current ? { ...current, weeks: current.weeks.map((w) => (w.instanceId === log.instanceId ? { ...w, logs: w.logs.filter((l) => l.id !== log.id) } : w)) } : current));
    await load(week, 'fresh');
  };

  const onAdd = async (log: NewTimeLog): Promise<boolean> => {
    const result = await api.logTime(log.ref, log.seconds, log.summary, spentAtOfDay(log.date, options.timeZone));
    if (!result.ok) {
      setAddError(result.error);
      return false;
    }
    setAddError(null);
    setNotice(result.log.message);
    // The week it landed in is asked again (another week's shows it when opened).
    await load(week, 'fresh');
    return result.log.status !== 'needs-attention';
  };

  const onChange = async (log: TimesheetLog, change: TimeLogChange): Promise<boolean> => {
    if (!log.item) return false;
    const readOnly = byInstance.get(log.instanceId)?.readOnly;
    if (readOnly) {
      setNotice(readOnly);
      return false;
    }
    const result = await api.replaceTimelog(log.id, { instanceId: log.instanceId, projectPath: log.item.projectPath, kind: log.item.kind, iid: log.item.iid }, change.seconds, change.summary, spentAtOfDay(change.date, options.timeZone));
    if (!result.ok) {
      setNotice(result.error);
      return false;
    }
    setNotice(result.log.status === 'landed' ? t('changedTimeLogOn', [referenceOf(log.item), result.log.message]) : result.log.message);
    await load(week, 'fresh');
    return result.log.status !== 'needs-attention';
  };

  const exportCsv = () => api.download(csvFileName(week), toCsv(logs, week), 'text/csv;charset=utf-8');
  const copy = async () => {
    try {
      await api.copyText(toTsv(logs, week));
      setNotice(t('copiedWeek'));
    } catch {
      setNotice(t('copyNotAllowed'));
    }
  };

  const fetchedAt = answer?.cachedAt ?? null;
  return (
    <main class="tk-ts-page">
      <h1>{t('timesheet')}</h1>
      <WeekNav
        week={week}
        locale={locale}
        isThisWeek={isThisWeek}
        onPrevious={() => setWeek(previousWeek(week))}
        onNext={() => setWeek(nextWeek(week))}
        onThisWeek={() => setWeek(thisWeek(options, now()))}
        onPickDay={(day) => setWeek(weekOfDay(day, options))}
      />
      <p class="tk-ts-status" role="status">
        {loading ? `${t('askingGitLab')} ` : ''}
        {fetchedAt !== null ? t('figuresFromGitLab', ageWords(fetchedAt, now())) : loading ? '' : t('nothingFetchedYet')}
        {error ? ` ${error}` : ''}
      </p>
      {notice && (
        <p class="tk-ts-notice" role="alert">
          {notice}
        </p>
      )}
      {(answer?.weeks ?? []).map(
        (w) =>
          (w.unsupported || w.error) && (
            <p key={w.instanceId} class="tk-ts-instance-note">
              <strong>{instanceLabel(w.instanceId)}:</strong> {w.unsupported ?? ''} {w.error ?? ''}
            </p>
          ),
      )}
      {answer === null && !loading && instances.length === 0 ? <p>{t('connectForTimeLogs')}</p> : null}
      <WeekTable table={table} locale={locale} onDelete={(log) => onDelete(log)} onChange={onChange} today={today} />
      <DayChart week={week} dayTotals={table.dayTotals} target={dayTarget} locale={locale} />
      <div class="tk-ts-actions">
        <button type="button" onClick={exportCsv}>
          {t('exportCsv')}
        </button>
        <button type="button" onClick={() => void copy()}>
          {t('copy')}
        </button>
      </div>
      <AddTimeLogForm instances={instances} defaultInstance={instances.length === 1 ? instances[0] : undefined} today={today} defaultDate={week.days.some((d) => d.date === today) ? today : week.days[0]!.date} onSubmit={onAdd} error={addError} />
    </main>
  );
}
