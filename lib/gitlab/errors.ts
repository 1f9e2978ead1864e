import type { GitLabErrorKind } from './types';
import { plural, t } from '../model/i18n';

export type { GitLabErrorKind } from './types';

const TRANSIENT: ReadonlySet<GitLabErrorKind> = new Set(['network', 'timeout', 'server', 'rate-limited']);

export interface GitLabErrorInit {
  status?: number;
  retryAfterMs?: number;
  /** A write whose outcome is unknown: it may have been applied. */
  ambiguous?: boolean;
  /** GitLab's own words, flattened, for 4xx answers. */
  detail?: string;
  cause?: unknown;
}

/**
 * Every failure of a GitLab call. `message` is plain words for a person, in the user's language, and
 * never holds the token; `kind` is for code. Crosses the messaging boundary via
 * `toJSON()`.
 */
export class GitLabError extends Error {
  override readonly name = 'GitLabError';
  readonly kind: GitLabErrorKind;
  readonly status?: number;
  readonly retryAfterMs?: number;
  /** Worth retrying later: network, timeout, 5xx, 429. */
  readonly transient: boolean;
  /** A write whose answer was lost (network, timeout, gateway error): check before retrying, or time is logged twice. */
  readonly ambiguous: boolean;
  readonly detail?: string;

  constructor(kind: GitLabErrorKind, message: string, init: GitLabErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = kind;
    if (init.status !== undefined) this.status = init.status;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.detail !== undefined) this.detail = init.detail;
    this.transient = TRANSIENT.has(kind);
    this.ambiguous = init.ambiguous ?? false;
  }

  toJSON(): {
    name: 'GitLabError';
    kind: GitLabErrorKind;
    message: string;
    status?: number;
    retryAfterMs?: number;
    transient: boolean;
    ambiguous: boolean;
    detail?: string;
  } {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
      transient: this.transient,
      ambiguous: this.ambiguous,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
    };
  }
}

export function isGitLabError(error: unknown): error is GitLabError {
  return error instanceof GitLabError;
}

function humaniseField(field: string): string {
  const last = field.split('.').at(-1) ?? field;
  const words = last.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function flattenValue(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (Array.isArray(value)) return value.flatMap(flattenValue);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([field, inner]) =>
      flattenValue(inner).map((text) => (field === 'base' ? text : `${humaniseField(field)} ${text}`)),
    );
  }
  return [];
}

/**
 * GitLab's error bodies, flattened to one line:
 * `{"message":{"base":["x"]}}` → `x`; `{"message":{"timelogs.summary":["is too long"]}}`
 * → `Summary is too long`; `{"error":"duration is missing"}` → `duration is missing`.
 */
export function flattenGitLabMessage(body: unknown): string | null {
  let parts: string[] = [];
  if (typeof body === 'string') parts = flattenValue(body);
  else if (typeof body === 'object' && body !== null) {
    const record = body as Record<string, unknown>;
    parts = flattenValue(record.message);
    if (parts.length === 0) parts = flattenValue(record.error_description ?? record.error);
  }
  if (parts.length === 0) return null;
  const text = parts.join('; ');
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

/**
 * How long GitLab asks us to wait: `Retry-After` as seconds or an HTTP date, else GitLab's
 * `RateLimit-Reset` (epoch seconds). An instant is read against the server's own `Date` header
 * when it sent one, so a computer whose clock is off waits what GitLab meant, not hours or nothing.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const served = Date.parse(headers.get('Date') ?? '');
  const serverNow = Number.isNaN(served) ? now : served;
  const retryAfter = headers.get('Retry-After')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - serverNow);
  }
  const reset = headers.get('RateLimit-Reset')?.trim();
  if (reset && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - serverNow);
  return undefined;
}

function seconds(ms: number): string {
  return plural('seconds', Math.max(1, Math.ceil(ms / 1000)));
}

/** What a call is about, so 403/404 can say something useful. */
export type Subject = 'issue' | 'merge_request' | 'todo' | 'account' | 'identity';

export interface FailureContext {
  host: string;
  subject: Subject;
  write: boolean;
}

export const MESSAGES = {
  get malformed() {
    return t('errMalformed');
  },
  get malformedWrite() {
    return t('errMalformedWrite');
  },
  notGitLab: (host: string) => t('errNotGitLab', host),
  network: (host: string) => t('errNetwork', host),
  redirected: (host: string) => t('errRedirected', host),
  timeout: (host: string, ms: number) => t('errTimeout', [host, seconds(ms)]),
  refused: (detail: string) => t('errRefused', detail),
  get badTodo() {
    return t('errBadTodo');
  },
  get noTimeTracking() {
    return t('errNoTimeTracking');
  },
} as const;

/** Maps a GitLab HTTP error answer (status >= 400) to a GitLabError. */
export function errorFromResponse(status: number, headers: Headers, body: unknown, ctx: FailureContext): GitLabError {
  const detail = flattenGitLabMessage(body) ?? undefined;
  const base = { status, ...(detail === undefined ? {} : { detail }) };
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};

  if (status === 401) {
    return new GitLabError('unauthorized', t('errUnauthorized'), base);
  }
  if (status === 403) {
    const scope = record.error === 'insufficient_scope' || /insufficient_scope/.test(headers.get('WWW-Authenticate') ?? '');
    if (scope) {
      return new GitLabError('insufficient-scope', t('errInsufficientScope'), base);
    }
    const message =
      ctx.subject === 'issue'
        ? t('errForbiddenIssue')
        : ctx.subject === 'merge_request'
          ? // GitLab's REST time tracking on merge requests asks for admin_merge_request (Developer).
            t('errForbiddenMergeRequest')
          : t('errForbidden');
    return new GitLabError('forbidden', message, base);
  }
  if (status === 404 || status === 410) {
    // A server without API v4 (before 9.0, or not GitLab at all) answers 404 on /api/v4/user.
    if (ctx.subject === 'identity') return new GitLabError('not-gitlab', MESSAGES.notGitLab(ctx.host), base);
    const message =
      ctx.subject === 'issue' || ctx.subject === 'merge_request'
        ? ctx.subject === 'issue'
          ? t('errIssueNotFound')
          : t('errMergeRequestNotFound')
        : ctx.subject === 'todo'
          ? t('errTodoNotFound')
          : t('errNotFound');
    return new GitLabError('not-found', message, base);
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers);
    const message = retryAfterMs === undefined ? t('errRateLimitedMinute') : t('errRateLimited', seconds(retryAfterMs));
    return new GitLabError('rate-limited', message, {
      ...base,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (status >= 500) {
    // A gateway error on a write means the proxy gave up waiting, not that GitLab did nothing.
    const ambiguous = ctx.write && (status === 502 || status === 504);
    return new GitLabError('server', t('errServer', status), {
      status,
      ambiguous,
    });
  }
  const message = detail ? t('errRefused', detail) : t('errInvalid', status);
  return new GitLabError('bad-request', message, base);
}
