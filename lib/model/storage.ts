/**
 * Every value the extension keeps, in one place, each versioned from day one so later releases
 * can migrate what users already have. Only the background reads or writes these: the token
 * store in particular never leaves it.
 */
import { storage } from 'wxt/utils/storage';
import type { ItemInfo } from './item';
import type { TimerState } from './timer';
import { t } from './i18n';

/** A connected GitLab, as the UI may see it (no token). */
export interface Instance {
  /** Base URL without trailing slash; also the instance's id. */
  baseUrl: string;
  userId: number;
  username: string;
  name: string;
  avatarUrl: string | null;
  connectedAt: number;
  gitlabVersion: string | null;
  /** The REST API version the connection speaks (lib/gitlab/detect.ts): `v4`, or `v3` on GitLab 8.x and GitSwarm. Absent: `v4`. */
  apiVersion?: string;
  /** Whether the server has the time tracking API (GitLab 8.16+). Absent: yes. */
  hasTimeTracking?: boolean;
  /** How the user signed in: a personal access token (the default) or OAuth. */
  auth?: 'token' | 'oauth';
  /** The OAuth application id signed in with (not a secret), to sign in again. */
  oauthClientId?: string;
  /** The token's scopes where GitLab tells them (`/personal_access_tokens/self`, or the OAuth answer); null when unknown. */
  scopes?: string[] | null;
  /** The last day the personal token works (`YYYY-MM-DD`); null when it never expires or GitLab did not say. */
  tokenExpiresOn?: string | null;
  /**
   * Why GitLab will refuse every change through this connection (a `read_api` token), in words
   * for the user; null or absent when changes may work. The widget and the popup disable their
   * write controls and show it; the background refuses write messages with it.
   */
  readOnlyReason?: string | null;
  /**
   * Set when the connection stopped working and the user must act, in words for the user.
   * `disconnected`: the browser's access to this GitLab was removed; nothing is sent to it until
   * access is restored. `sign-in`: GitLab refused the token (expired or revoked, or the OAuth
   * refresh failed); reconnecting clears it.
   */
  problem?: { kind: 'disconnected' | 'sign-in'; message: string } | null;
}

export interface StoredToken {
  token: string;
  type: 'private' | 'oauth';
  /** OAuth only: what refreshing the access token needs, and when it expires (epoch ms). */
  refreshToken?: string;
  expiresAt?: number;
  clientId?: string;
  redirectUri?: string;
}

/** An OAuth sign-in between its authorize URL and the redirect coming back. */
export interface PendingSignIn {
  state: string;
  /** The PKCE secret; it never leaves the background. */
  verifier: string;
  baseUrl: string;
  clientId: string;
  redirectUri: string;
  startedAt: number;
}

/** Where the user's own entries on an item are read from. */
export type EvidenceSource = 'timelogs' | 'notes';

/** What was on the item before a log's first send. */
export interface Evidence {
  source: EvidenceSource;
  /** The highest entry id of the source on the item then (0: none); the user's later entries are newer. */
  afterId: number;
  /** The item's total time spent then, where known: a total after the send that differs asks for a look. */
  total: number | null;
}

/** A time log waiting to reach GitLab. Written before it is sent, removed only once GitLab has it. */
export interface PendingLog {
  id: string;
  item: ItemInfo;
  /** Whole minutes; negative subtracts. */
  seconds: number;
  summary?: string;
  /** When the work was done (ms); the day a late delivery belongs to. */
  spentAt: number;
  createdAt: number;
  attempts: number;
  /** Not before this time (ms) may the next attempt start. */
  nextAttemptAt: number;
  status: 'pending' | 'needs-attention';
  lastError?: string;
  /** The account the log is for (the connection's user when it was made); another account asks first. */
  author?: string;
  /** What was on the item before the first send (lib/model/outbox-rules.ts): how an unanswered attempt is checked. */
  evidence?: Evidence | null;
  /** An attempt went unanswered (or its worker stopped): it may have landed, so the next one looks first. */
  uncertain?: boolean;
  /** Set while a request is on its way; still set after a restart means the worker died mid-flight. */
  inFlightSince?: number | null;
  /**
   * A changed entry (the Timesheet): the time log (`gid://gitlab/Timelog/N`) this one replaces.
   * The old one is deleted only once this one has proven landed (`landed`), so a failure in
   * between loses nothing and doubles nothing.
   */
  replaces?: string;
  /** This log is in GitLab; only deleting the one it `replaces` is left. */
  landed?: boolean;
  /**
   * The summaries its attempts sent (trimmed; '' for none), noted before each request leaves:
   * an own entry of the same amount with another summary is not this log.
   */
  sent?: string[];
}

export const instancesItem = storage.defineItem<Instance[]>('local:instances', { fallback: [], version: 1 });

export const tokensItem = storage.defineItem<Record<string, StoredToken>>('local:tokens', { fallback: {}, version: 1 });

/** Sign-ins under way. Session storage: kept while the worker sleeps, never written to disk. */
export const pendingSignInsItem = storage.defineItem<PendingSignIn[]>('session:pendingSignIns', { fallback: [], version: 1 });

/** How versions up to 2 named what a timer or a log was for: always an issue. */
interface IssueFieldsV2 {
  instanceId: string;
  projectPath: string;
  iid: number;
  title?: string;
  webUrl?: string;
}
type TimerV2 = Omit<TimerState, 'item'> & { issue: IssueFieldsV2 };
type PendingLogV1 = Omit<PendingLog, 'item' | 'evidence' | 'uncertain' | 'author'> & Omit<IssueFieldsV2, 'title' | 'webUrl'> & { issueTitle?: string; baselineSpent?: number };

/** Before merge requests, a timer's `issue` was always an issue. */
export function timerFromV2(old: TimerV2): TimerState {
  const { issue, ...rest } = old;
  return { ...rest, item: { ...issue, kind: 'issue' } };
}

export const UNSURE_AFTER_UPDATE = t('unsureAfterUpdate');

/**
 * v1 checked an unanswered attempt against the item's total; v2 against the user's own entries,
 * which v1 never noted. A v1 log that may have landed waits for the user instead of a guess.
 */
export function logFromV1(old: PendingLogV1): PendingLog {
  const { instanceId, projectPath, iid, issueTitle, baselineSpent, ...rest } = old;
  const item: ItemInfo = { instanceId, projectPath, kind: 'issue', iid, ...(issueTitle === undefined ? {} : { title: issueTitle }) };
  const mayHaveLanded = baselineSpent !== undefined && (rest.attempts > 0 || Boolean(rest.inFlightSince));
  return mayHaveLanded ? { ...rest, item, inFlightSince: null, uncertain: true, status: 'needs-attention', lastError: UNSURE_AFTER_UPDATE } : { ...rest, item };
}

/**
 * v1 (0.1.0) had no run id; v2 gave each timer run an id that its time log keeps; v3 names an
 * item (issue or merge request) where v2 named an issue.
 */
export const timerItem = storage.defineItem<TimerState | null>('local:timer', {
  fallback: null,
  version: 3,
  migrations: {
    // Each step leaves a value already in its shape as it is: WXT may run them on a value written
    // in the newest shape (a worker that starts before the version was recorded).
    2: (old: Omit<TimerV2, 'id'> | TimerV2 | null): TimerV2 | null => (old && !('id' in old) ? { ...old, id: `migrated-${old.startedAt.toString(36)}`, idle: null } : (old as TimerV2 | null)),
    3: (old: TimerV2 | TimerState | null): TimerState | null => (old && 'issue' in old ? timerFromV2(old) : (old as TimerState | null)),
  },
});

/** v2 names an item (issue or merge request) where v1 named an issue by its fields. */
export const outboxItem = storage.defineItem<PendingLog[]>('local:outbox', {
  fallback: [],
  version: 2,
  migrations: { 2: (old: Array<PendingLogV1 | PendingLog>) => (old ?? []).map((l) => ('item' in l ? l : logFromV1(l))) },
});

export interface Settings {
  roundTo: 1 | 5 | 15;
  roundMode: 'nearest' | 'up';
  /** Starting a timer on another issue: log the running one, or park it paused. */
  onSwitch: 'stop' | 'pause';
  /** Ask about idle or locked time after this many minutes; 0 turns it off. */
  idleMinutes: number;
  /** Ask before logging a timer that ran longer than this many hours. */
  longTimerHours: number;
  /** The timesheet chart's daily target in seconds (entered as a GitLab duration, `7h 30m`). */
  dayTargetSeconds: number;
}

export const DEFAULT_SETTINGS: Settings = { roundTo: 1, roundMode: 'nearest', onSwitch: 'stop', idleMinutes: 10, longTimerHours: 12, dayTargetSeconds: 8 * 3600 };

/** v2 added the timesheet's daily target (8h, GitLab's working day, where v1 had none). */
export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 2,
  migrations: {
    // Leaves a value already in the v2 shape as it is (see the timer's migrations).
    2: (old: Omit<Settings, 'dayTargetSeconds'> | Settings | null): Settings => ({ ...DEFAULT_SETTINGS, ...(old ?? {}) }),
  },
});

/** Timers parked (paused) when the user switched items with the "pause" setting. v2: items, as the timer's v3. */
export const parkedTimersItem = storage.defineItem<TimerState[]>('local:parkedTimers', {
  fallback: [],
  version: 2,
  migrations: { 2: (old: Array<TimerV2 | TimerState>) => (old ?? []).map((t) => ('issue' in t ? timerFromV2(t) : t)) },
});

/**
 * Writes GitLab refused this browser session, so an issue view shows read-only controls with the
 * reason instead of offering writes that will fail again (lib/background/item-actions.ts keys
 * them by token and by project). Session storage: kept when the worker stops, gone with the browser.
 */
export const refusedWritesItem = storage.defineItem<Record<string, { reason: string; at: number }>>('session:refusedWrites', {
  fallback: {},
  version: 1,
});

/**
 * Keys an earlier version kept that nothing reads any more, removed with their WXT metadata
 * (`<key>$`) when the extension is installed or updated (lib/background/lifecycle.ts): the popup's
 * lists as objects, up to megabytes with many issues, before they became JSON text under
 * `local:assignedCacheJson` and `local:todosCacheJson` (lib/popup/storage.ts); and the popup's
 * first screen, which moved to the popup's localStorage.
 */
export const RETIRED_KEYS = ['local:assignedCache', 'local:todosCache', 'local:popupFirstScreen'] as const;

export async function removeRetiredKeys(): Promise<void> {
  await storage.removeItems(RETIRED_KEYS.map((key) => ({ key, options: { removeMeta: true } })));
}
