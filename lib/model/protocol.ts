/**
 * Every message between the extension's parts, declared once: its payload schema (the payload's
 * type is inferred from it), who may send it, and what it answers. The background's routes
 * (lib/background/routes.ts) must handle exactly these messages, which the compiler checks, and
 * check each message's sender and payload against this table before acting.
 *
 * Senders:
 * - `page`: one of this extension's own pages (popup, options, timesheet);
 * - `content`: our script in a tab on a connected GitLab; the background takes the GitLab from
 *   the tab, so a page can act only on its own GitLab's items (`{ page: … }` targets);
 * - `unconnected`: our script on gitlab.com before it is connected (the manifest injects it
 *   there), for the few messages that let the widget appear and offer "Connect this GitLab".
 *
 * Every answer is a `Result`: what a write answers carries what GitLab answered. Nothing here
 * ever carries a token back. The content scripts import this file for its types only: the
 * schemas stay out of their bundles.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import * as v from 'valibot';
import { MAX_DURATION_SECONDS, WHOLE_MINUTES } from '../gitlab/duration';
import type { TimeStats } from '../gitlab/types';
import type { ItemInfo, ItemKey } from './item';
import type { Instance, PendingLog, Settings } from './storage';
import type { InstanceWeek } from './timesheet';
import type { TimerState } from './timer';
import { t } from './i18n';

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

export type SenderKind = 'page' | 'content' | 'unconnected';

// ------------------------------------------------------------------------------------------------
// What views are told

/** A time log on its way to GitLab, as views see it (the outbox's bookkeeping stays in the background). */
export type QueuedLog = Pick<PendingLog, 'id' | 'item' | 'seconds' | 'summary' | 'spentAt' | 'status' | 'lastError'>;

/** What a view needs to draw the timer and the logs on their way. A page gets its own GitLab's only. */
export interface ViewState {
  timer: TimerState | null;
  outbox: QueuedLog[];
  /** A short sentence about the last thing that happened (e.g. "Logged 25m to acme/web#1."). */
  notice: string | null;
  /** The items the notice is about (an item's page shows it only on those); absent: none in particular. */
  noticeAbout?: ItemKey[];
}

/** One list row's numbers (lib/content/lists.ts shows spent against estimate). */
export interface ListTime {
  projectPath: string;
  kind: ItemKey['kind'];
  iid: number;
  timeEstimate: number;
  totalTimeSpent: number;
}

/** What became of a time log a view asked for (a stopped timer, a typed log). */
export interface LogOutcome {
  /** The log's id in the outbox (a log held for the user's attention is replaced by it); always given by the background. */
  id?: string;
  item: ItemInfo;
  seconds: number;
  /** `landed`: GitLab has it; `waiting`: saved, and sent again by itself; `needs-attention`: GitLab refused it. */
  status: 'landed' | 'waiting' | 'needs-attention';
  /** The item's numbers as GitLab answered the log, where it answered with them. */
  timeStats?: TimeStats;
  /** In words, for the view's status line. */
  message: string;
}

/** One item's numbers changed at GitLab (a log landed, an estimate was set): told to the views that show it. */
export interface ItemTotals {
  item: ItemKey;
  timeStats: TimeStats;
}

export interface ItemView {
  instance: Pick<Instance, 'baseUrl' | 'username'>;
  timeStats: TimeStats;
  /** Why this user cannot change the item's time tracking (GitLab refused it this session); null when they can. */
  readOnly: string | null;
  /** Set when the server has no time tracking API (GitLab 8.15 and older, GitSwarm): why, in words. To-dos still work. */
  noTimeTracking?: string;
}

/** The item a page URL shows (lib/gitlab/page.ts), as the background reads it for a content script. */
export interface PageItem {
  projectPath: string;
  kind: ItemInfo['kind'];
  iid: number;
  /** Open in a drawer (`?show=`) over a list, a board or another item. */
  drawer: boolean;
}

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

/** One open merge request of the user's, as the popup lists it. */
export interface MergeRequestRow {
  instanceId: string;
  id: number;
  iid: number;
  projectPath: string;
  /** `project!iid`. */
  reference: string;
  title: string;
  webUrl: string;
  updatedAt: string;
  /** Assigned to the user; waiting for the user's review (both can be true). */
  assigned: boolean;
  reviewing: boolean;
  timeEstimate: number;
  totalTimeSpent: number;
  humanTimeEstimate: string | null;
  humanTotalTimeSpent: string | null;
}

export interface InstanceMergeRequests {
  instance: Instance;
  mergeRequests: MergeRequestRow[];
  /**
   * What this GitLab cannot list, in words: no reviewers before 13.8 (assigned ones only), no list
   * of one's merge requests at all before 9.5. Null when it lists both.
   */
  limit: string | null;
  error: string | null;
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

// ------------------------------------------------------------------------------------------------
// Payload schemas

const fullPath = v.pipe(
  v.string(),
  v.minLength(3),
  v.maxLength(512),
  // group/project, nested groups allowed; GitLab path characters only, and no `.` / `..` segment.
  v.regex(/^(?!\.+(\/|$))[A-Za-z0-9_.][A-Za-z0-9_.-]*(\/(?!\.+(\/|$))[A-Za-z0-9_.][A-Za-z0-9_.-]*)+$/),
);
const iid = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2 ** 31 - 1));
const kind = v.picklist(['issue', 'merge_request']);
const title = v.optional(v.pipe(v.string(), v.maxLength(1024)));
export const BaseUrlSchema = v.pipe(v.string(), v.maxLength(2048), v.regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/));
const pageUrl = v.strictObject({ url: v.pipe(v.string(), v.maxLength(8192)) });
const none = v.union([v.undefined(), v.null()]);
const logId = v.strictObject({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) });
const refresh = v.strictObject({ refresh: v.boolean() });
const instant = v.pipe(v.number(), v.safeInteger(), v.minValue(Date.UTC(2000, 0, 1)), v.maxValue(Date.UTC(2200, 0, 1)));
/** A week (or a day) of the page's time zone: seven days of 23 to 25 hours at most. */
const WeekRangeSchema = v.pipe(
  v.strictObject({
    start: instant,
    end: instant,
    /** `cache`: only what is stored; `fresh`: ask GitLab; `recent`: ask GitLab unless the stored answer is under a minute old. */
    mode: v.picklist(['cache', 'fresh', 'recent']),
  }),
  v.check((w) => w.end > w.start && w.end - w.start <= 7 * 25 * 3_600_000, t('invalidWeek')),
);
const timelogGid = v.pipe(v.string(), v.maxLength(64), v.regex(/^gid:\/\/gitlab\/Timelog\/[1-9]\d*$/, t('invalidTimelog')));

/** An item named by the page it is on: the background takes the GitLab from the sender's tab. */
const PageRefSchema = v.strictObject({ projectPath: fullPath, kind, iid, title });

/** An item named with its GitLab, by an extension page; it must be connected. */
const ItemInfoSchema = v.strictObject({
  instanceId: BaseUrlSchema,
  projectPath: fullPath,
  kind,
  iid,
  title,
  webUrl: v.optional(v.pipe(v.string(), v.maxLength(4096), v.url())),
});

/** An item as a page names it (its GitLab is the page's). */
export type PageRef = v.InferOutput<typeof PageRefSchema>;

/** Content scripts name an item by `page` (their tab's GitLab); extension pages by `item`. */
const TargetSchema = v.union([v.strictObject({ page: PageRefSchema }), v.strictObject({ item: ItemInfoSchema })]);
export type Target = v.InferOutput<typeof TargetSchema>;

/** Durations travel as seconds; what a person typed was read by lib/gitlab/duration.ts where they typed it. */
const seconds = (min: number) =>
  v.pipe(
    v.number(),
    v.safeInteger(),
    v.minValue(min, min > 0 ? t('durationAtLeastMinute') : t('durationTooLongShort')),
    v.maxValue(MAX_DURATION_SECONDS, t('durationTooLongShort')),
    v.check((s) => s % 60 === 0, WHOLE_MINUTES),
  );

const SettingsSchema = v.strictObject({
  roundTo: v.picklist([1, 5, 15]),
  roundMode: v.picklist(['nearest', 'up']),
  onSwitch: v.picklist(['stop', 'pause']),
  idleMinutes: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(240)),
  longTimerHours: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(72)),
  // The timesheet's daily target: whole minutes, more than nothing, a day at most.
  dayTargetSeconds: v.pipe(
    v.number(),
    v.safeInteger(),
    v.minValue(60, t('dayTargetAtLeastMinute')),
    v.maxValue(24 * 3600, t('dayTargetAtMost')),
    v.check((s) => s % 60 === 0, WHOLE_MINUTES),
  ),
});

const token = v.pipe(
  v.string(),
  v.minLength(1, t('tokenEmpty')),
  v.maxLength(1024),
  v.regex(/^[\x21-\x7e]+$/, t('tokenBadCharacters')),
);
const clientId = v.pipe(
  v.string(),
  v.minLength(1, t('applicationIdEmpty')),
  v.maxLength(256),
  v.regex(/^[\x21-\x7e]+$/, t('applicationIdBadCharacters')),
);

// ------------------------------------------------------------------------------------------------
// The table

/** The type of a message's answer (the `Result` it is wrapped in is implied); no value at run time. */
const answers = <T extends object = object>() => undefined as unknown as T;

const TABS = ['content', 'unconnected'] as const;
const ANYWHERE = ['page', 'content'] as const;
const PAGES = ['page'] as const;

interface MessageSpec {
  from: readonly SenderKind[];
  input: v.GenericSchema;
  reply: object;
}

export const protocol = {
  // The widget finding its place on a GitLab page (also on gitlab.com before it is connected).
  /** The loader: if `url` (its frame's) shows an issue or merge request, inject the widget into that frame. */
  openItemWidget: { from: TABS, input: pageUrl, reply: answers<{ injected: boolean }>() },
  /**
   * The list and board script (lib/content/lists.ts) starting on `url` (its frame's): the GitLab's
   * sub-path, to read row links; refused off a connected GitLab's list or board page.
   */
  listPage: { from: TABS, input: pageUrl, reply: answers<{ basePath: string }>() },
  /**
   * Spent and estimate of the items on a list or board page, asked once per page view, in one
   * GraphQL request to the tab's own GitLab; items GitLab does not show this account are left out.
   */
  listTimes: {
    from: ['content'] as const,
    input: v.strictObject({ items: v.pipe(v.array(v.strictObject({ projectPath: fullPath, kind, iid })), v.maxLength(200)) }),
    reply: answers<{ times: ListTime[] }>(),
  },
  /** The widget's "More time tracking" opened: inject its forms into the asking frame (an item view only). */
  openWidgetForms: { from: TABS, input: none, reply: answers<{ injected: boolean }>() },
  /** Which item `url` (the frame's) shows, read with the GitLab's sub-path; `connected` false on gitlab.com before it is connected. */
  itemAt: { from: TABS, input: pageUrl, reply: answers<{ connected: boolean; item: PageItem | null }>() },
  /** Opens the options page with this GitLab's address filled in. */
  openConnectPage: { from: TABS, input: none, reply: answers() },
  /** The numbers of the item on this tab, asked of GitLab (one request). */
  itemView: { from: TABS, input: PageRefSchema, reply: answers<ItemView>() },

  // Changes to an item's time tracking; each answers with GitLab's new numbers.
  setEstimate: { from: ANYWHERE, input: v.strictObject({ target: TargetSchema, seconds: seconds(60) }), reply: answers<{ timeStats: TimeStats }>() },
  resetEstimate: { from: ANYWHERE, input: v.strictObject({ target: TargetSchema }), reply: answers<{ timeStats: TimeStats }>() },
  resetSpentTime: { from: ANYWHERE, input: v.strictObject({ target: TargetSchema }), reply: answers<{ timeStats: TimeStats }>() },
  /** `created` false: GitLab already had a to-do for this item (304). */
  addTodo: { from: ANYWHERE, input: v.strictObject({ target: TargetSchema }), reply: answers<{ created: boolean }>() },
  /**
   * A typed time log (negative `seconds` subtract) through the outbox, like a stopped timer.
   * `spentAt` (epoch ms): the day the work was done, when not today.
   */
  logTime: {
    from: ANYWHERE,
    input: v.strictObject({
      target: TargetSchema,
      seconds: v.pipe(seconds(-MAX_DURATION_SECONDS), v.check((s) => s !== 0, t('durationZero'))),
      summary: v.optional(v.pipe(v.string(), v.maxLength(255, 'A summary can be at most 255 characters.'))),
      spentAt: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(Date.UTC(2000, 0, 1), t('dateTooLongAgo')))),
      /**
       * The id of this form's earlier log that GitLab refused and that waits under Needs attention:
       * the new one takes its place (one write), so sending the kept form again never logs twice.
       */
      instead: v.optional(v.pipe(v.string(), v.maxLength(100))),
    }),
    reply: answers<{ state: ViewState; log: LogOutcome }>(),
  },

  // The timer.
  getState: { from: ANYWHERE, input: none, reply: answers<{ state: ViewState }>() },
  /** `switched`: the timer that ran on another item was logged (or parked, by setting) first. */
  startTimer: { from: ANYWHERE, input: v.strictObject({ target: TargetSchema }), reply: answers<{ state: ViewState; switched?: LogOutcome }>() },
  pauseTimer: { from: ANYWHERE, input: none, reply: answers<{ state: ViewState }>() },
  resumeTimer: { from: ANYWHERE, input: none, reply: answers<{ state: ViewState }>() },
  stopTimer: { from: ANYWHERE, input: none, reply: answers<{ state: ViewState; log: LogOutcome }>() },
  discardTimer: { from: ANYWHERE, input: none, reply: answers<{ state: ViewState }>() },
  /** The answer to "you were away while the timer ran". */
  keepIdle: { from: ANYWHERE, input: none, reply: answers<{ state: ViewState }>() },
  discardIdle: { from: ANYWHERE, input: none, reply: answers<{ state: ViewState }>() },

  // Logs waiting under Needs attention (extension pages only).
  retryLog: { from: PAGES, input: logId, reply: answers<{ state: ViewState }>() },
  discardLog: { from: PAGES, input: logId, reply: answers<{ state: ViewState }>() },
  /** Sends every waiting log now instead of at its next retry. */
  sendPendingNow: { from: PAGES, input: none, reply: answers<{ state: ViewState }>() },

  // Settings and connections (extension pages only).
  getSettings: { from: PAGES, input: none, reply: answers<{ settings: Settings }>() },
  saveSettings: { from: PAGES, input: SettingsSchema, reply: answers<{ settings: Settings }>() },
  listInstances: { from: PAGES, input: none, reply: answers<{ instances: Instance[] }>() },
  /** `pageAccess` false: connected, but the browser has not (yet) granted access to the GitLab's pages. */
  connectInstance: { from: PAGES, input: v.strictObject({ baseUrl: BaseUrlSchema, token }), reply: answers<{ instance: Instance; pageAccess: boolean }>() },
  disconnectInstance: { from: PAGES, input: v.strictObject({ baseUrl: BaseUrlSchema }), reply: answers() },
  /** OAuth sign-in, step 1: the URL to open with `identity.launchWebAuthFlow`. */
  beginSignIn: { from: PAGES, input: v.strictObject({ baseUrl: BaseUrlSchema, clientId }), reply: answers<{ authorizeUrl: string }>() },
  /** Step 2: the address GitLab redirected to; the background exchanges its code for tokens. */
  finishSignIn: {
    from: PAGES,
    input: v.strictObject({ redirectUrl: v.pipe(v.string(), v.maxLength(8192), v.url()) }),
    reply: answers<{ instance: Instance; pageAccess: boolean }>(),
  },
  /** A GitLab disconnected because its page access was removed, once the browser granted it again. */
  restoreAccess: { from: PAGES, input: v.strictObject({ baseUrl: BaseUrlSchema }), reply: answers<{ instance: Instance }>() },

  // The popup's lists. `refresh: false` answers from the cache where it is under a minute old.
  assignedIssues: { from: PAGES, input: refresh, reply: answers<{ lists: InstanceIssues[] }>() },
  todos: { from: PAGES, input: refresh, reply: answers<{ lists: InstanceTodos[] }>() },
  /** Open merge requests assigned to the user or waiting for the user's review. */
  myMergeRequests: { from: PAGES, input: refresh, reply: answers<{ lists: InstanceMergeRequests[] }>() },
  // The Timesheet (extension pages only).
  /** The user's time logs in a week on every connected GitLab, each GitLab on its own; `cachedAt`: when the oldest of them came from GitLab. */
  timesheetWeek: { from: PAGES, input: WeekRangeSchema, reply: answers<{ weeks: InstanceWeek[]; cachedAt: number | null }>() },
  /**
   * Changes one of the user's time logs: a new log (through the outbox, like `logTime`) that
   * replaces `id`, which is deleted only once the new one has landed.
   */
  replaceTimelog: {
    from: PAGES,
    input: v.strictObject({
      id: timelogGid,
      item: ItemInfoSchema,
      seconds: v.pipe(seconds(-MAX_DURATION_SECONDS), v.check((s) => s !== 0, t('durationZero'))),
      summary: v.optional(v.pipe(v.string(), v.maxLength(255, 'A summary can be at most 255 characters.'))),
      spentAt: v.pipe(v.number(), v.safeInteger(), v.minValue(Date.UTC(2000, 0, 1), t('dateTooLongAgo'))),
    }),
    reply: answers<{ state: ViewState; log: LogOutcome }>(),
  },
  /** Deletes one of the user's time logs in GitLab (`timelogDelete`: its author or a Maintainer). */
  deleteTimelog: { from: PAGES, input: v.strictObject({ instanceId: BaseUrlSchema, id: timelogGid }), reply: answers() },

  markTodoDone: {
    from: PAGES,
    input: v.strictObject({ instanceId: BaseUrlSchema, id: v.pipe(v.number(), v.safeInteger(), v.minValue(1)) }),
    reply: answers(),
  },
} as const satisfies Record<string, MessageSpec>;

export type Protocol = typeof protocol;
export type MessageName = keyof Protocol;
/** A message's payload as its sender writes it, and as the background has it once checked. */
export type InputOf<K extends MessageName> = v.InferOutput<Protocol[K]['input']>;
export type ReplyOf<K extends MessageName> = Result<Protocol[K]['reply']>;
export type SendersOf<K extends MessageName> = Protocol[K]['from'][number];

/** The protocol as @webext-core/messaging types it. */
export type ToBackground = { [K in MessageName]: (input: v.InferInput<Protocol[K]['input']>) => ReplyOf<K> };

/** What the background tells views, unasked. A page hears only of its own GitLab. */
export interface ToViews {
  stateChanged(state: ViewState): void;
  itemTotals(totals: ItemTotals): void;
}

export const backgroundMessenger = defineExtensionMessaging<ToBackground>();
export const viewsMessenger = defineExtensionMessaging<ToViews>();
