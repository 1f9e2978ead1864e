/**
 * Every value the extension keeps, in one place, each versioned from day one so later releases
 * can migrate what users already have. Only the background reads or writes these: the token
 * store in particular never leaves it.
 */
import { storage } from 'wxt/utils/storage';
import type { TimerState } from './timer/model';

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
}

export interface StoredToken {
  token: string;
  type: 'private' | 'oauth';
}

/** A time log waiting to reach GitLab. Written before it is sent, removed only once GitLab has it. */
export interface PendingLog {
  id: string;
  instanceId: string;
  projectPath: string;
  iid: number;
  issueTitle?: string;
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
}

export const instancesItem = storage.defineItem<Instance[]>('local:instances', { fallback: [], version: 1 });

export const tokensItem = storage.defineItem<Record<string, StoredToken>>('local:tokens', { fallback: {}, version: 1 });

export const timerItem = storage.defineItem<TimerState | null>('local:timer', { fallback: null, version: 1 });

export const outboxItem = storage.defineItem<PendingLog[]>('local:outbox', { fallback: [], version: 1 });
