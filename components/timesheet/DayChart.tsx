import { useId } from 'preact/hooks';
import { formatGitLabDuration } from '@/lib/gitlab/duration';
import { dayLabels } from '@/lib/timesheet/format';
import { DEFAULT_DAY_TARGET_SECONDS, dayChart, type Week } from '@/lib/timesheet/week';
import { t } from '@/lib/model/i18n';

export interface DayChartProps {
  week: Week;
  /** Seven day totals in seconds (`WeekTable.dayTotals`). */
  dayTotals: readonly number[];
  /** The daily target in seconds (a setting; `dayTargetSeconds` reads it). 8h by default. */
  target?: number;
  locale?: string;
}

const WIDTH = 280;
const HEIGHT = 120;
const LABELS = 18;
const PLOT = HEIGHT - LABELS;
const SLOT = WIDTH / 7;
const BAR = SLOT * 0.6;

/**
 * The seven days as bars against the daily target line, drawn in plain SVG. Its text
 * alternative names every day's time and the target, so nothing is only in the picture.
 */
export function DayChart({ week, dayTotals, target = DEFAULT_DAY_TARGET_SECONDS, locale }: DayChartProps) {
  const id = useId();
  const chart = dayChart(week, dayTotals, target);
  // A day is counted in hours here ("8h", not GitLab's "1d"), whatever the table shows.
  const fmt = (seconds: number) => formatGitLabDuration(seconds, { limitToHours: true });
  const labels = chart.bars.map((bar) => dayLabels(bar.day.date, locale));
  const targetY = PLOT - chart.targetHeight * PLOT;
  const description = t(
    'chartDescription',
    [fmt(chart.target), chart.bars.map((bar, i) => (bar.reached ? t('chartDayReached', [labels[i]!.long, fmt(bar.seconds)]) : t('chartDay', [labels[i]!.long, fmt(bar.seconds)]))).join('; ')],
  );
  return (
    <figure class="tk-ts-chart">
      <svg role="img" aria-labelledby={`${id}-title`} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} preserveAspectRatio="xMidYMid meet">
        <title id={`${id}-title`}>{description}</title>
        {chart.bars.map((bar, i) => {
          const h = bar.height * PLOT;
          return (
            <g key={bar.day.date}>
              <rect class={bar.reached ? 'tk-ts-bar tk-ts-bar-reached' : 'tk-ts-bar'} x={i * SLOT + (SLOT - BAR) / 2} y={PLOT - h} width={BAR} height={h} rx={2} />
              <text class="tk-ts-chart-label" x={i * SLOT + SLOT / 2} y={HEIGHT - 4} text-anchor="middle" aria-hidden="true">
                {labels[i]!.short}
              </text>
            </g>
          );
        })}
        <line class="tk-ts-target" x1={0} x2={WIDTH} y1={targetY} y2={targetY} />
      </svg>
      <figcaption class="tk-ts-muted">{t('dailyTarget', fmt(chart.target))}</figcaption>
    </figure>
  );
}
