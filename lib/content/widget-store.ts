/**
 * The item widget's view of one issue or merge request: its numbers, whether this user may
 * change them, and the outcome of the last change. Loading an item costs one request; every
 * change answers with GitLab's new numbers, and time logged elsewhere arrives as `itemTotals`.
 */
import { createStore } from 'zustand/vanilla';
import type { TimeStats } from '../gitlab/types';
import { sameItemHere, type ItemKey } from '../model/item';
import type { backgroundMessenger, ErrorCode, ItemView, LogOutcome, Result, ViewState } from '../model/protocol';
import type { DetectedIssue } from './page-facts';
import { issueKey } from './page-facts';
import { t } from '../model/i18n';

export type IssueWrite = 'setEstimate' | 'resetEstimate' | 'logTime' | 'resetSpentTime' | 'addTodo';

export interface IssueWidgetState {
  issue: DetectedIssue | null;
  /** False on a GitLab the user has not connected yet (gitlab.com before the first Connect): nothing to load. */
  connected: boolean;
  view: ItemView | null;
  /** Why the numbers could not be loaded, in words, and what kind of failure it was. */
  loadError: { message: string; code?: ErrorCode } | null;
  busy: IssueWrite | null;
  /** The last change's failure (role=alert) or success (role=status). */
  error: string | null;
  done: string | null;
  /** Why the controls are read-only (the page, or GitLab refusing a change); null when they are not. */
  readOnly: string | null;
  show(issue: DetectedIssue | null, connected: boolean): Promise<void>;
  /** GitLab's numbers for an item changed (a log landed, an estimate was set): shown if it is this one. */
  totals(item: Omit<ItemKey, 'instanceId'>, timeStats: TimeStats): void;
  /** Durations come as seconds, read from what the user typed where they typed it (DurationForm). */
  setEstimate(seconds: number): Promise<boolean>;
  resetEstimate(): Promise<boolean>;
  logTime(seconds: number, summary: string, spentAt?: number): Promise<boolean>;
  resetSpentTime(): Promise<boolean>;
  addTodo(): Promise<boolean>;
}

type Messenger = Pick<typeof backgroundMessenger, 'sendMessage'>;

export const NO_ANSWER = t('noAnswerNothingChanged');

export function createIssueWidgetStore(messenger: Messenger, onState?: (state: ViewState, log: LogOutcome) => void) {
  return createStore<IssueWidgetState>()((set, get) => {
    /** Is `issue` still the one shown? Answers for an issue the user navigated away from are dropped. */
    const current = (issue: DetectedIssue) => get().issue !== null && issueKey(get().issue!) === issueKey(issue);

    const load = async (issue: DetectedIssue) => {
      let result: Result<ItemView>;
      try {
        const ask = () => messenger.sendMessage('itemView', { projectPath: issue.projectPath, kind: issue.kind, iid: issue.iid });
        // A read, so asked once more when the worker stopped while answering: the next message wakes a new one.
        result = await ask().catch(ask);
      } catch {
        result = { ok: false, error: t('noAnswerReload') };
      }
      if (!current(issue)) return;
      if (result.ok) {
        const { ok: _ok, ...view } = result;
        set({ view, loadError: null, readOnly: issue.readOnly ?? view.readOnly });
      } else set({ view: null, loadError: { message: result.error, code: result.code } });
    };

    /** This page's typed log that GitLab refused, held under Needs attention while the form keeps it. */
    let heldLog: { id: string; issue: DetectedIssue } | null = null;

    /** Sends one change; `after` turns a success into the widget's new state and its status text. */
    const write = async <T extends object>(
      action: IssueWrite,
      send: (issue: DetectedIssue) => Promise<Result<T>>,
      after: (answer: T, issue: DetectedIssue) => { done: string | null; error?: string; kept?: boolean },
    ): Promise<boolean> => {
      const issue = get().issue;
      if (!issue || get().busy) return false;
      set({ busy: action, error: null, done: null });
      let result: Result<T>;
      try {
        result = await send(issue);
      } catch {
        result = { ok: false, error: NO_ANSWER };
      }
      if (!current(issue)) return false;
      if (!result.ok) {
        // GitLab said no for good: the controls turn read-only and say why.
        const readOnly = result.code === 'forbidden' && action !== 'addTodo' ? result.error : get().readOnly;
        set({ busy: null, error: result.error, readOnly });
        return false;
      }
      const outcome = after(result, issue);
      set({ busy: null, done: outcome.done, error: outcome.error ?? null });
      // `kept`: what the user typed stays in the form (the log waits for their attention).
      return !outcome.kept;
    };

    const target = (issue: DetectedIssue) => ({ page: { projectPath: issue.projectPath, kind: issue.kind, iid: issue.iid } });
    const withStats = (timeStats: TimeStats) => {
      const view = get().view;
      if (view) set({ view: { ...view, timeStats } });
    };

    return {
      issue: null,
      connected: true,
      view: null,
      loadError: null,
      busy: null,
      error: null,
      done: null,
      readOnly: null,
      async show(issue, connected) {
        const previous = get().issue;
        if (issue && previous && issueKey(issue) === issueKey(previous) && connected === get().connected) return;
        set({ issue, connected, view: null, loadError: null, busy: null, error: null, done: null, readOnly: issue?.readOnly ?? null });
        // A page that opens asks GitLab itself: time may have been logged elsewhere a moment ago.
        if (issue && connected) await load(issue);
      },
      totals(item, timeStats) {
        const issue = get().issue;
        if (issue && sameItemHere(issue, item)) withStats(timeStats);
      },
      setEstimate: (seconds) =>
        write(
          'setEstimate',
          (issue) => messenger.sendMessage('setEstimate', { target: target(issue), seconds }),
          (answer) => {
            withStats(answer.timeStats);
            return { done: t('estimateSetTo', answer.timeStats.human_time_estimate ?? '') };
          },
        ),
      resetEstimate: () =>
        write(
          'resetEstimate',
          (issue) => messenger.sendMessage('resetEstimate', { target: target(issue) }),
          (answer) => {
            withStats(answer.timeStats);
            return { done: t('estimateRemoved') };
          },
        ),
      resetSpentTime: () =>
        write(
          'resetSpentTime',
          (issue) => messenger.sendMessage('resetSpentTime', { target: target(issue) }),
          (answer) => {
            withStats(answer.timeStats);
            return { done: t('spentReset') };
          },
        ),
      addTodo: () =>
        write(
          'addTodo',
          (issue) => messenger.sendMessage('addTodo', { target: target(issue) }),
          // GitLab answers 304 when the to-do exists already: either way, there is one now.
          () => ({ done: t('todoAdded') }),
        ),
      logTime: (seconds, summary, spentAt) =>
        write(
          'logTime',
          (issue) =>
            messenger.sendMessage('logTime', {
              target: target(issue),
              seconds,
              ...(summary.trim() ? { summary: summary.trim() } : {}),
              ...(spentAt === undefined ? {} : { spentAt }),
              // The kept form sent again replaces its refused log: one log, never two.
              ...(heldLog && issueKey(heldLog.issue) === issueKey(issue) ? { instead: heldLog.id } : {}),
            }),
          (answer, issue) => {
            onState?.(answer.state, answer.log);
            if (answer.log.timeStats) withStats(answer.log.timeStats);
            // Refused for good (a Guest, say): said in an alert, and the typed log stays in the form.
            const refused = answer.log.status === 'needs-attention';
            heldLog = refused && answer.log.id ? { id: answer.log.id, issue } : null;
            if (refused) return { done: null, error: answer.log.message, kept: true };
            // Landed, or saved and on its way (offline, GitLab busy): the outbox retries by itself.
            return { done: answer.log.message };
          },
        ),
    };
  });
}

export type IssueWidgetStore = ReturnType<typeof createIssueWidgetStore>;
