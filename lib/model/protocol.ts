/**
 * Every message between the extension's parts, declared once. Two directions:
 * - `toBackground`: the widget, the popup and the options page ask the background to act. The
 *   background checks each message's sender and payload (see lib/background/guard.ts) before acting.
 * - `toViews`: the background tells every open widget and popup that state changed.
 * Views never see a token: nothing in these types carries one back.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { TimeStats } from '../gitlab/client';
import type { Instance, PendingLog, Settings } from './storage';
import type { IssueKey, TimerState } from './timer';

export type Result<T = object> = ({ ok: true } & T) | { ok: false; error: string; code?: ErrorCode };

export type ErrorCode =
  | 'not-connected'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'bad-input'
  | 'offline'
  | 'server'
  | 'refused'
  | 'needs-confirmation';

/** What a view needs to draw the timer and the outbox. */
export interface UiState {
  timer: TimerState | null;
  /** Time logs not yet confirmed by GitLab. */
  outbox: PendingLog[];
  /** A short sentence about the last thing that happened (e.g. "Logged 25m to acme/web#1"). */
  notice: string | null;
}

export interface IssueView {
  instance: Pick<Instance, 'baseUrl' | 'username'>;
  timeStats: TimeStats;
  /** Why this user cannot change the issue's time tracking (GitLab refused it this session); null when they can. */
  readOnly: string | null;
  /** Set when the server has no time tracking API (GitLab 8.15 and older, GitSwarm): why, in words. To-dos still work. */
  noTimeTracking?: string;
}

/** An issue named by the page it is on: the background decides the instance from the sender's tab. */
export interface PageIssue {
  projectPath: string;
  iid: number;
  title?: string;
  /** Asked as the issue page opens: GitLab's numbers now, never a recent answer kept in memory. */
  fresh?: true;
}

/** The issue a page URL shows (lib/gitlab/page.ts), as the background reads it for a content script. */
export interface UrlIssue {
  projectPath: string;
  iid: number;
  /** Open in a drawer (`?show=`) over a list, a board or another issue. */
  drawer: boolean;
}

/** Content scripts name an issue by `page` (instance from the tab); extension pages by `issue`. */
export type IssueTarget = { page: PageIssue } | { issue: IssueKey };

export interface AssignedIssueRow {
  instanceId: string;
  id: number;
  iid: number;
  projectPath: string;
  reference: string;
  title: string;
  webUrl: string;
  labels: string[];
  dueDate: string | null;
  updatedAt: string;
  timeEstimate: number;
  totalTimeSpent: number;
  humanTimeEstimate: string | null;
  humanTotalTimeSpent: string | null;
}

export interface InstanceIssues {
  instance: Instance;
  issues: AssignedIssueRow[];
  error: string | null;
  /** Which failure `error` describes, so the popup can offer the way out (reconnect, wait for the network). */
  errorCode?: ErrorCode;
  fetchedAt: number;
}

/** One pending to-do, as the popup lists it. */
export interface TodoRow {
  instanceId: string;
  id: number;
  /** GitLab's words for why it is there: `assigned`, `mentioned`, `review_requested`... */
  actionName: string;
  targetType: string;
  /** `acme/web#2`, `acme/web!7`; null when GitLab gives nothing to build one from. */
  reference: string | null;
  title: string;
  webUrl: string;
  createdAt: string;
}

export interface InstanceTodos {
  instance: Instance;
  todos: TodoRow[];
  error: string | null;
  errorCode?: ErrorCode;
  fetchedAt: number;
}

export interface ToBackground {
  /** Content script: the numbers for the issue on this tab. */
  getIssueView(issue: PageIssue): Result<IssueView>;
  /** Loader content script: if `url` (the frame's) shows an issue, inject the widget into that frame. */
  openIssueWidget(input: { url: string }): Result<{ injected: boolean }>;
  /** Widget: which issue `url` (the frame's) shows, read with the instance's sub-path; `connected` false on gitlab.com before it is connected. */
  issueAt(input: { url: string }): { connected: boolean; issue: UrlIssue | null };
  /** Widget: opens the options page with this GitLab's address filled in. */
  openConnectPage(): Result;
  setEstimate(input: { target: IssueTarget; duration: string }): Result<{ timeStats: TimeStats }>;
  resetEstimate(input: { target: IssueTarget }): Result<{ timeStats: TimeStats }>;
  resetSpentTime(input: { target: IssueTarget }): Result<{ timeStats: TimeStats }>;
  /** `created` false: GitLab already had a to-do for this issue (304). */
  addTodo(input: { target: IssueTarget }): Result<{ created: boolean }>;
  getState(): UiState;
  /** From a content script: `page` names the issue on the sender's tab. From the popup: `issue` with its instance. */
  startTimer(target: IssueTarget): Result<{ state: UiState }>;
  pauseTimer(): Result<{ state: UiState }>;
  resumeTimer(): Result<{ state: UiState }>;
  stopTimer(): Result<{ state: UiState; loggedSeconds: number }>;
  discardTimer(): Result<{ state: UiState }>;
  /** The answer to "you were away while the timer ran". */
  keepIdle(): Result<{ state: UiState }>;
  discardIdle(): Result<{ state: UiState }>;
  getSettings(): Settings;
  saveSettings(settings: Settings): Result<{ settings: Settings }>;
  /** A typed time log (`duration` in GitLab's grammar; a leading `-` subtracts), via the outbox. */
  /** `spentAt` (epoch ms): the day the work was done, when not today (GitLab 15.3+ files it there). */
  logTime(input: { target: IssueTarget; duration: string; summary?: string; spentAt?: number }): Result<{ state: UiState; delivered: boolean }>;
  /** Needs attention: send again, or give up on, one outbox entry (extension pages only). */
  retryLog(input: { id: string }): Result<{ state: UiState }>;
  discardLog(input: { id: string }): Result<{ state: UiState }>;
  /** Sends every waiting log now instead of at its next retry. */
  sendPendingNow(): Result<{ state: UiState }>;
  listInstances(): Instance[];
  /** `pageAccess` false: connected, but the browser has not (yet) granted access to the GitLab's pages. */
  connectInstance(input: { baseUrl: string; token: string }): Result<{ instance: Instance; pageAccess: boolean }>;
  disconnectInstance(input: { baseUrl: string }): Result;
  /** OAuth sign-in, step 1 (options page): the URL to open with `identity.launchWebAuthFlow`. */
  beginSignIn(input: { baseUrl: string; clientId: string }): Result<{ authorizeUrl: string }>;
  /** Step 2: the address GitLab redirected to; the background exchanges its code for tokens. */
  finishSignIn(input: { redirectUrl: string }): Result<{ instance: Instance; pageAccess: boolean }>;
  /** A GitLab disconnected because its page access was removed, once the browser granted it again. */
  restoreAccess(input: { baseUrl: string }): Result<{ instance: Instance }>;
  /** `refresh: false` answers from the cache where it is under a minute old; true fetches everything. */
  assignedIssues(input: { refresh: boolean }): InstanceIssues[];
  todos(input: { refresh: boolean }): InstanceTodos[];
  markTodoDone(input: { instanceId: string; id: number }): Result;
}

export interface ToViews {
  stateChanged(state: UiState): void;
}

export const backgroundMessenger = defineExtensionMessaging<ToBackground>();
export const viewsMessenger = defineExtensionMessaging<ToViews>();
