import type { IssueWidgetState, IssueWidgetStore } from '@/lib/content/widget-store';
import { useStoreState } from '../shared/useStoreState';
import { EstimateEditor } from './EstimateEditor';
import { LogTimeForm } from './LogTimeForm';
import { ResetSpentTime } from './ResetSpentTime';
import { t } from '@/lib/model/i18n';

export interface MoreTimeTrackingProps {
  /** Null where the server has no time tracking (GitLab 8.15 and older): only the to-do is offered. */
  timeStats: { time_estimate: number; human_total_time_spent: string | null } | null;
  limitToHours: boolean;
  /** What the item is, in words: `issue` or `merge request`. */
  noun: string;
  writable: boolean;
  busy: boolean;
  actions: Pick<IssueWidgetState, 'logTime' | 'setEstimate' | 'resetEstimate' | 'resetSpentTime' | 'addTodo'>;
}

/**
 * What sits behind "More time tracking": the time log, the estimate, the resets and the to-do.
 * Its code is not in the first paint: widget-forms.js brings it when the user first opens it
 * (forms-kit.ts).
 */
export function MoreTimeTracking({ timeStats, limitToHours, noun, writable, busy, actions }: MoreTimeTrackingProps) {
  const disabled = !writable;
  const todo = (
    <button type="button" class="tk-quiet" disabled={busy} onClick={() => void actions.addTodo()}>
      {t('addTodo')}
    </button>
  );
  if (!timeStats) return <div class="tk-row">{todo}</div>;
  return (
    <>
      <LogTimeForm limitToHours={limitToHours} disabled={disabled} busy={busy} onLog={actions.logTime} />
      <EstimateEditor
        hasEstimate={timeStats.time_estimate > 0}
        limitToHours={limitToHours}
        disabled={disabled}
        busy={busy}
        onSet={actions.setEstimate}
        onReset={actions.resetEstimate}
      />
      <div class="tk-row">
        <ResetSpentTime noun={noun} spent={timeStats.human_total_time_spent} disabled={disabled || busy} onReset={actions.resetSpentTime} />
        {todo}
      </div>
    </>
  );
}

/** The forms as the widget's store has them: its item, its numbers, whether it can be changed. */
export function FormsFromStore({ issueStore }: { issueStore: IssueWidgetStore }) {
  const { issue, view, busy, readOnly, ...actions } = useStoreState(issueStore);
  if (!issue || !view) return null;
  return (
    <MoreTimeTracking
      timeStats={view.noTimeTracking ? null : view.timeStats}
      limitToHours={issue.limitToHours}
      noun={issue.kind.replace('_', ' ')}
      writable={!readOnly}
      busy={busy !== null}
      actions={actions}
    />
  );
}
