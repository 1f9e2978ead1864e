import type { GitLabErrorKind } from './types';

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
 * Every failure of a GitLab call. `message` is plain English for a person and
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
  const s = Math.max(1, Math.ceil(ms / 1000));
  return s === 1 ? '1 second' : `${s} seconds`;
}

/** What a call is about, so 403/404 can say something useful. */
export type Subject = 'issue' | 'merge_request' | 'todo' | 'account' | 'identity';

export interface FailureContext {
  host: string;
  subject: Subject;
  write: boolean;
}

export const MESSAGES = {
  malformed: 'GitLab sent an answer this extension does not understand.',
  malformedWrite: 'GitLab sent an answer this extension does not understand; the change may or may not have been saved.',
  notGitLab: (host: string) => `${host} does not look like a GitLab server (no GitLab API answered).`,
  network: (host: string) => `Could not reach ${host}. Check the network connection and the server address.`,
  redirected: (host: string) =>
    `${host} sent the request on to another address, so it was not followed (the token goes only to the address you connected). Check the GitLab URL: maybe it starts with https:// or has a sub-path.`,
  timeout: (host: string, ms: number) => `${host} did not answer within ${seconds(ms)}.`,
  refused: (detail: string) => `GitLab refused the request: ${detail}`,
} as const;

/** Maps a GitLab HTTP error answer (status >= 400) to a GitLabError. */
export function errorFromResponse(status: number, headers: Headers, body: unknown, ctx: FailureContext): GitLabError {
  const detail = flattenGitLabMessage(body) ?? undefined;
  const base = { status, ...(detail === undefined ? {} : { detail }) };
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};

  if (status === 401) {
    return new GitLabError(
      'unauthorized',
      'GitLab refused the access token: it is wrong, expired or revoked. Reconnect in the options.',
      base,
    );
  }
  if (status === 403) {
    const scope = record.error === 'insufficient_scope' || /insufficient_scope/.test(headers.get('WWW-Authenticate') ?? '');
    if (scope) {
      return new GitLabError(
        'insufficient-scope',
        'The access token lacks the api scope needed to change time tracking. Create a token with the api scope and reconnect in the options.',
        base,
      );
    }
    const message =
      ctx.subject === 'issue'
        ? 'You do not have permission to do that on this issue (it needs Reporter access or more).'
        : ctx.subject === 'merge_request'
          ? // GitLab's REST time tracking on merge requests asks for admin_merge_request (Developer).
            'You do not have permission to do that on this merge request (its time tracking needs Developer access or more).'
          : 'GitLab does not allow this account to do that (403 Forbidden).';
    return new GitLabError('forbidden', message, base);
  }
  if (status === 404 || status === 410) {
    // A server without API v4 (before 9.0, or not GitLab at all) answers 404 on /api/v4/user.
    if (ctx.subject === 'identity') return new GitLabError('not-gitlab', MESSAGES.notGitLab(ctx.host), base);
    const message =
      ctx.subject === 'issue' || ctx.subject === 'merge_request'
        ? `GitLab cannot find this ${ctx.subject === 'issue' ? 'issue' : 'merge request'}, or this account cannot see it.`
        : ctx.subject === 'todo'
          ? 'GitLab cannot find this to-do; it may be done already.'
          : 'GitLab cannot find what was asked for (404 Not Found).';
    return new GitLabError('not-found', message, base);
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers);
    const wait = retryAfterMs === undefined ? 'in a minute' : `in ${seconds(retryAfterMs)}`;
    return new GitLabError('rate-limited', `GitLab is limiting requests right now. Try again ${wait}.`, {
      ...base,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (status >= 500) {
    // A gateway error on a write means the proxy gave up waiting, not that GitLab did nothing.
    const ambiguous = ctx.write && (status === 502 || status === 504);
    return new GitLabError('server', `GitLab had a problem on its side (HTTP ${status}). Try again in a moment.`, {
      status,
      ambiguous,
    });
  }
  const message = detail
    ? `GitLab refused the request: ${detail}`
    : `GitLab refused the request as invalid (HTTP ${status}).`;
  return new GitLabError('bad-request', message, base);
}
