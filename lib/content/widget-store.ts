/**
 * The issue widget's view of one issue: its numbers, whether this user may change them, and
 * the outcome of the last change. Loading an issue costs one request; a change answers with the
 * new numbers, so only a time log (which goes through the outbox) asks again.
 */
import { createStore } from 'zustand/vanilla';
import type { DetectedIssue } from './page-facts';
import { issueKey } from './page-facts';
import type { backgroundMessenger, ErrorCode, IssueView, Result, UiState } from '../model/protocol';

export type IssueWrite = 'setEstimate' | 'resetEstimate' | 'logTime' | 'resetSpentTime' | 'addTodo';

/**
 * Time may have landed on `issue` between two timer states: its timer went away (stopped here,
 * in the popup, by a shortcut) or one of its waiting logs left the outbox. Then the numbers are
 * worth one more request; a discarded timer costs one needlessly, which is rare.
 */
export function timeMayHaveLanded(before: UiState | null, after: UiState | null, issue: { projectPath: string; iid: number }): boolean {
  const mine = (log: { projectPath: string; iid: number }) => log.iid === issue.iid && log.projectPath.toLowerCase() === issue.projectPath.toLowerCase();
  const timerLeft = !!before?.timer && mine(before.timer.issue) && !(after?.timer && mine(after.timer.issue));
  const remaining = new Set(after?.outbox.map((log) => log.id));
  return timerLeft || (before?.outbox ?? []).some((log) => mine(log) && !remaining.has(log.id));
}

export interface IssueWidgetState {
  issue: DetectedIssue | null;
  /** False on a GitLab the user has not connected yet (gitlab.com before the first Connect): nothing to load. */
  connected: boolean;
  view: IssueView | null;
  /** Why the numbers could not be loaded, in words, and what kind of failure it was. */
  loadError: { message: string; code?: ErrorCode } | null;
  busy: IssueWrite | null;
  /** The last change's failure (role=alert) or success (role=status). */
  error: string | null;
  done: string | null;
  /** Why the controls are read-only (the page, or GitLab refusing a change); null when they are not. */
  readOnly: string | null;
  show(issue: DetectedIssue | null, connected: boolean): Promise<void>;
  refresh(): Promise<void>;
  setEstimate(duration: string): Promise<boolean>;
  resetEstimate(): Promise<boolean>;
  logTime(duration: string, summary: string, spentAt?: number): Promise<boolean>;
  resetSpentTime(): Promise<boolean>;
  addTodo(): Promise<boolean>;
}

type Messenger = Pick<typeof backgroundMessenger, 'sendMessage'>;

export const NO_ANSWER = 'The extension did not answer. Reload the page; nothing was changed.';

export function createIssueWidgetStore(messenger: Messenger, onState?: (state: UiState) => void) {
  return createStore<IssueWidgetState>()((set, get) => {
    /** Is `issue` still the one shown? Answers for an issue the user navigated away from are dropped. */
    const current = (issue: DetectedIssue) => get().issue !== null && issueKey(get().issue!) === issueKey(issue);

    const load = async (issue: DetectedIssue, fresh?: true) => {
      let result: Result<IssueView>;
      try {
        const ask = () => messenger.sendMessage('getIssueView', { projectPath: issue.projectPath, iid: issue.iid, ...(fresh && { fresh }) });
        // A read, so asked once more when the worker stopped while answering: the next message wakes a new one.
        result = await ask().catch(ask);
      } catch {
        result = { ok: false, error: 'The extension did not answer. Reload the page.' };
      }
      if (!current(issue)) return;
      if (result.ok) {
        const { ok: _ok, ...view } = result;
        set({ view, loadError: null, readOnly: issue.readOnly ?? view.readOnly });
      } else set({ view: null, loadError: { message: result.error, code: result.code } });
    };

    /** Sends one change; `after` turns a success into the widget's new state and its status text. */
    const write = async <T extends object>(
      action: IssueWrite,
      send: (issue: DetectedIssue) => Promise<Result<T>>,
      after: (answer: T, issue: DetectedIssue) => Promise<string | null> | string | null,
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
      const done = await after(result, issue);
      if (current(issue)) set({ busy: null, done });
      return true;
    };

    const target = (issue: DetectedIssue) => ({ page: { projectPath: issue.projectPath, iid: issue.iid } });
    const withStats = (answer: { timeStats: IssueView['timeStats'] }, text: string) => {
      const view = get().view;
      if (view) set({ view: { ...view, timeStats: answer.timeStats } });
      return text;
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
        if (issue && connected) await load(issue, true);
      },
      async refresh() {
        const issue = get().issue;
        if (issue) await load(issue);
      },
      setEstimate: (duration) =>
        write(
          'setEstimate',
          (issue) => messenger.sendMessage('setEstimate', { target: target(issue), duration }),
          (answer) => withStats(answer, `Estimate set to ${answer.timeStats.human_time_estimate ?? duration}.`),
        ),
      resetEstimate: () =>
        write(
          'resetEstimate',
          (issue) => messenger.sendMessage('resetEstimate', { target: target(issue) }),
          (answer) => withStats(answer, 'Estimate removed.'),
        ),
      resetSpentTime: () =>
        write(
          'resetSpentTime',
          (issue) => messenger.sendMessage('resetSpentTime', { target: target(issue) }),
          (answer) => withStats(answer, 'Time spent reset to zero.'),
        ),
      addTodo: () =>
        write(
          'addTodo',
          (issue) => messenger.sendMessage('addTodo', { target: target(issue) }),
          // GitLab answers 304 when the to-do exists already: either way, there is one now.
          () => 'To-do added.',
        ),
      logTime: (duration, summary, spentAt) =>
        write(
          'logTime',
          (issue) =>
            messenger.sendMessage('logTime', {
              target: target(issue),
              duration,
              ...(summary.trim() ? { summary: summary.trim() } : {}),
              ...(spentAt === undefined ? {} : { spentAt }),
            }),
          async (answer, issue) => {
            onState?.(answer.state);
            if (!answer.delivered) {
              // Refused for good (a Guest, say): the widget lists it as needing attention, in an alert.
              const refused = answer.state.outbox.some(
                (log) => log.status === 'needs-attention' && log.iid === issue.iid && log.projectPath.toLowerCase() === issue.projectPath.toLowerCase(),
              );
              // Otherwise saved but not yet sent (offline, GitLab busy): the outbox retries and says so.
              return refused ? null : (answer.state.notice ?? 'Saved; it will be sent when GitLab can be reached.');
            }
            await load(issue);
            return answer.state.notice ?? 'Time logged.';
          },
        ),
    };
  });
}

export type IssueWidgetStore = ReturnType<typeof createIssueWidgetStore>;
