import type { TimeStats } from '@/lib/gitlab/client';
import { formatGitLabDuration } from '@/lib/gitlab/duration';

/**
 * Spent against estimate in GitLab's own words (its `human_*` fields already follow the
 * instance's "limit display to hours"), with a bar that turns red, and says by how much, once
 * the work has run over.
 */
export function TimeSummary({ stats, limitToHours }: { stats: TimeStats; limitToHours: boolean }) {
  const spent = stats.human_total_time_spent;
  const estimate = stats.human_time_estimate;
  const over = stats.total_time_spent - stats.time_estimate;
  const percent = Math.round((stats.total_time_spent / stats.time_estimate) * 100);
  return (
    <>
      <p class="tk-stats">
        <span>{spent ? <>Spent <b>{spent}</b></> : 'No time spent'}</span>{' '}
        <span>{estimate ? <>Estimate <b>{estimate}</b></> : 'No estimate'}</span>
      </p>
      {stats.time_estimate > 0 && (
        <>
          <div class={over > 0 ? 'tk-bar tk-over' : 'tk-bar'} aria-hidden="true">
            <span style={{ width: `${Math.min(100, percent)}%` }} />
          </div>
          <p class={over > 0 ? 'tk-note tk-over-text' : 'tk-note'}>
            {over > 0 ? `Over the estimate by ${formatGitLabDuration(over, { limitToHours })}` : `${percent}% of the estimate used`}
          </p>
        </>
      )}
    </>
  );
}
