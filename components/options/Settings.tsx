import { useEffect, useState } from 'preact/hooks';
import type { Settings as TimerSettings } from '@/lib/model/storage';
import type { SettingsApi } from '@/lib/options/api';
import { formatDayTarget, parseDayTarget } from '@/lib/options/day-target';
import { plural, t } from '@/lib/model/i18n';

/** Timer preferences on the options page; each change is saved at once. */
export function Settings({ api }: { api: SettingsApi }) {
  const [settings, setSettings] = useState<TimerSettings | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.load().then(setSettings, () => setError(t('optionsNoAnswer')));
  }, []);
  if (!settings) return null;

  const update = async (change: Partial<TimerSettings>) => {
    const next = { ...settings, ...change };
    setSettings(next);
    const result = await api.save(next).catch(() => ({ ok: false as const, error: t('optionsNoAnswer') }));
    if (result.ok) {
      setError(null);
      setStatus(t('saved'));
    } else setError(result.error);
  };
  return (
    <section aria-labelledby="timer-settings-heading" class="settings">
      <h2 id="timer-settings-heading">{t('timerSettings')}</h2>
      <label>
        {t('roundTo')}
        <select value={settings.roundTo} onChange={(e) => void update({ roundTo: Number(e.currentTarget.value) as 1 | 5 | 15 })}>
          {[1, 5, 15].map((minutes) => (
            <option key={minutes} value={minutes}>
              {plural('minutes', minutes)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('rounding')}
        <select value={settings.roundMode} onChange={(e) => void update({ roundMode: e.currentTarget.value as 'nearest' | 'up' })}>
          <option value="nearest">{t('roundNearest')}</option>
          <option value="up">{t('roundUp')}</option>
        </select>
      </label>
      <label>
        {t('onSwitch')}
        <select value={settings.onSwitch} onChange={(e) => void update({ onSwitch: e.currentTarget.value as 'stop' | 'pause' })}>
          <option value="stop">{t('onSwitchStop')}</option>
          <option value="pause">{t('onSwitchPause')}</option>
        </select>
      </label>
      <NumberSetting
        label={t('idleAfter')}
        value={settings.idleMinutes}
        min={0}
        max={240}
        onChange={(idleMinutes) => void update({ idleMinutes })}
      />
      <NumberSetting
        label={t('longTimerAfter')}
        value={settings.longTimerHours}
        min={1}
        max={72}
        onChange={(longTimerHours) => void update({ longTimerHours })}
      />
      <DayTargetSetting
        seconds={settings.dayTargetSeconds}
        onChange={(dayTargetSeconds) => void update({ dayTargetSeconds })}
        onInvalid={(message) => {
          setStatus(null);
          setError(message);
        }}
      />
      {error && <div role="alert" class="error">{error}</div>}
      {status && !error && <p class="muted">{status}</p>}
    </section>
  );
}

/** A whole number within bounds; anything else keeps the current value. */
function NumberSetting(props: { label: string; value: number; min: number; max: number; onChange: (value: number) => void }) {
  const { label, value, min, max, onChange } = props;
  return (
    <label>
      {label}
      <input
        type="number"
        min={min}
        max={max}
        value={value}
        onChange={(e) => {
          const n = Number.parseInt(e.currentTarget.value, 10);
          onChange(Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : value);
        }}
      />
    </label>
  );
}

/** The timesheet's daily target, typed as a GitLab duration; bad input is explained and not saved. */
function DayTargetSetting(props: { seconds: number; onChange: (seconds: number) => void; onInvalid: (message: string) => void }) {
  const { seconds, onChange, onInvalid } = props;
  const [text, setText] = useState(() => formatDayTarget(seconds));
  useEffect(() => setText(formatDayTarget(seconds)), [seconds]);
  return (
    <label>
      {t('dayTargetLabel')}
      <input
        type="text"
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onChange={(e) => {
          const parsed = parseDayTarget(e.currentTarget.value);
          if (parsed.ok) onChange(parsed.seconds);
          else onInvalid(parsed.error);
        }}
      />
    </label>
  );
}
