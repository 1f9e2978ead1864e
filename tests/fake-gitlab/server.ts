// Local GitLab stand-in: API v4, issue pages and a control API, with fault injection.
// Used by vitest, the Playwright suites and the demo script (see README.md here).

import { handleGraphql } from './graphql';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  COLLEAGUE_TOKEN,
  DEMO_TOKEN,
  findProject,
  handleApi,
  READONLY_TOKEN,
  timeStatsJson,
  type ApiResult,
  type ApiState,
  type TimeStats,
  type Timelog,
} from './api';
import { addPersonalToken, createTokenStore, type PersonalTokenOptions, type TokenScheme } from './auth';
import { createOAuthStore, DEMO_OAUTH_CLIENT_ID, expireOAuthAccessTokens, handleOAuth, registerOAuthApp, revokeOAuthGrants, type OAuthApplication } from './oauth';
import { dressLikeGitLab, themeOf, type Theme } from './look';
import { renderPage } from './pages';
import { eraOf, type Era, type EraName } from './eras';
import { handleApiV3 } from './v3';
import { COLLEAGUE_USER, DEMO_USER, seedData, type IssueRecord, type MergeRequestRecord, type NoteRecord, type SeedKind, type StandInProject } from './seed';

export { COLLEAGUE_TOKEN, DEMO_TOKEN, READONLY_TOKEN, GITLAB_VERSION, type TimeStats, type Timelog } from './api';
export { DEMO_OAUTH_CLIENT_ID, followAuthorize, s256, type OAuthApplication } from './oauth';
export type { PersonalTokenOptions } from './auth';
export { humanDuration, parseDuration } from './duration';
export type { IssueRecord, MergeRequestRecord, NoteRecord, StandInProject, StandInTodo, StandInUser } from './seed';
export { COLLEAGUE_USER } from './seed';
export { ERAS, ERA_NAMES, type Era, type EraName } from './eras';

/** An issue's state for assertions: the stored record plus what the API would report. */
export interface StandInIssue extends IssueRecord {
  fullPath: string;
  /** Exactly the API's `time_stats` object. */
  time_stats: TimeStats;
}

export interface StandInOptions {
  /** Default 0: a random free port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Serve HTTPS with this key and certificate. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** GitLab's relative_url_root, e.g. '/gitlab'. Default ''. */
  basePath?: string;
  /** Default 'demo'. */
  seed?: SeedKind;
  /** Open issues assigned to the demo user, fixed ones included. Default 130 (over 100, so pagination matters). */
  assignedIssueCount?: number;
  /** Open merge requests added to the fixed ones, half assigned to the demo user, half waiting for their review. Default 0. */
  mergeRequestCount?: number;
  /**
   * The personal access token (api scope) this GitLab accepts. Default DEMO_TOKEN. Give two
   * stand-ins different tokens to see which token reached which server.
   */
  token?: string;
  /** The read_api-only token it accepts. Default READONLY_TOKEN. */
  readonlyToken?: string;
  /** The colleague's personal token (user 2, alex.rivera, api scope). Default COLLEAGUE_TOKEN. */
  colleagueToken?: string;
  /**
   * The GitLab played (eras.ts): '8.12' and 'gitswarm' (API v3, no time tracking), '8.16' (v3 with
   * time tracking), '10.x' (v3 and v4), '16.x' (legacy sidebar pages), '17.x' (work items; the default).
   */
  era?: EraName;
  /**
   * Pages in GitLab's look of the era (look.ts): the demo, the README's screenshots and the store
   * images. The theme is the `theme` query parameter (light, dark or system; kept in a cookie) or
   * `theme` here. Default: the plain markup, as the tests read it.
   */
  look?: boolean | { theme: Theme };
}

export interface RecordedRequest {
  id: number;
  /** Date.now() when the request arrived. */
  at: number;
  method: string;
  /** Raw path as sent (still percent-encoded), without basePath and query. */
  path: string;
  query: Record<string, string>;
  /** Effective parameters: query string merged with the JSON, form or multipart body (body wins). */
  body: Record<string, unknown>;
  /** Token presented in PRIVATE-TOKEN or `Authorization: Bearer`. */
  authToken: string | null;
  origin: string | null;
  /** Final status; 0 when the connection was dropped. */
  status: number;
}

export type FaultMode =
  | { kind: 'status'; status: number; times: number; body?: unknown }
  | { kind: 'rate-limit'; retryAfterSeconds: number; times: number }
  | { kind: 'drop-before'; times: number }
  | { kind: 'drop-after'; times: number }
  /** GitLab applied the change, then failed answering (a timeout in a later step, a proxy's 502). */
  | { kind: 'status-after'; status: number; times: number }
  | { kind: 'latency'; ms: number; times: number };

export interface StandIn {
  /** scheme://host:port + basePath. */
  url: string;
  /** scheme://host:port. */
  origin: string;
  port: number;
  /** The valid demo token with `api` scope. */
  token: string;
  /** A valid token with `read_api` scope only. */
  readonlyToken: string;
  /**
   * The colleague's token (api scope): requests sent with it act as `colleague` (REST and GraphQL),
   * so a test can have him log or delete time on the demo user's issues.
   */
  colleagueToken: string;
  colleague: { id: number; username: string; name: string };
  /** An OAuth application registered here (any redirect URI; scopes api, read_api, read_user). */
  oauthClientId: string;
  /** Another personal token this GitLab accepts (for expiry and scope tests). */
  addToken(token: string, opts?: PersonalTokenOptions): void;
  /** The token stops working, as if the user revoked it in GitLab. */
  revokeToken(token: string): void;
  /** Registers another OAuth application (a fixed redirect URI, say). */
  registerOAuthApp(app: OAuthApplication): void;
  /** Two hours pass for OAuth: every access token is expired; refresh tokens still work. */
  expireOAuthTokens(): void;
  /** The user revoked the OAuth application: its access and refresh tokens stop working. */
  revokeOAuthGrants(): void;
  user: { id: number; username: string; name: string };
  /** The GitLab era played. */
  era: Era;
  /** Every API request answered or dropped so far, in completion order. */
  readonly requests: RecordedRequest[];
  /**
   * Inject a fault for matching API requests. `method` is case-insensitive ('*' = any);
   * a string path matches exactly, a RegExp is tested; both are tried against the raw
   * path (e.g. `/api/v4/projects/acme%2Fweb/issues/1/todo`) and its decoded form.
   */
  fail(method: string, pathPattern: RegExp | string, fault: FaultMode): void;
  clearFaults(): void;
  /** Re-seed data and tokens; clear requests, timelogs, OAuth grants and faults (arrays are emptied in place). */
  reset(): void;
  /** A snapshot of an issue's current state; project by id, full path or encoded full path. */
  issue(projectPathOrId: string | number, iid: number): StandInIssue | undefined;
  /** A snapshot of a merge request (GraphQL only for now). */
  mergeRequest(projectPathOrId: string | number, iid: number): (MergeRequestRecord & { fullPath: string }) | undefined;
  /** Notes written so far (time tracking system notes), oldest first. */
  readonly notes: NoteRecord[];
  /** How many open issues are assigned to the demo user right now (what the popup should list). */
  assignedOpenCount(): number;
  /** Time logged through add_spent_time (and negated totals from reset_spent_time). */
  readonly timelogs: Timelog[];
  close(): Promise<void>;
}

interface ActiveFault {
  method: string;
  pattern: RegExp | string;
  fault: FaultMode;
  remaining: number;
}

const MAX_BODY_BYTES = 1024 * 1024;

const EXPOSED_HEADERS = [
  'X-Total', 'X-Total-Pages', 'X-Next-Page', 'X-Page', 'X-Per-Page', 'X-Prev-Page', 'Link', 'Retry-After',
  'RateLimit-Limit', 'RateLimit-Observed', 'RateLimit-Remaining', 'RateLimit-Reset', 'RateLimit-ResetTime',
].join(', ');
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'PRIVATE-TOKEN', 'X-Requested-With', 'Accept', 'Cache-Control'];

function normalizeBasePath(basePath: string | undefined): string {
  const trimmed = (basePath ?? '').trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

class BadBody extends Error {}

/** JSON, form-urlencoded or multipart (text fields) bodies, as Grape accepts them. */
function parseBody(raw: Buffer, contentType: string | undefined): Record<string, unknown> {
  const text = raw.toString('utf8');
  if (text.trim() === '') return {};
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('application/json') || (!type.includes('form') && /^\s*[{[]/.test(text))) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new BadBody('Invalid JSON');
    }
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  }
  if (type.includes('multipart/form-data')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1];
    if (!boundary) throw new BadBody('multipart body without boundary');
    const fields: Record<string, unknown> = {};
    for (const part of text.split(`--${boundary}`)) {
      const split = part.indexOf('\r\n\r\n');
      if (split < 0) continue;
      const name = /name="([^"]*)"/i.exec(part.slice(0, split))?.[1];
      if (name !== undefined) fields[name] = part.slice(split + 4).replace(/\r\n$/, '');
    }
    return fields;
  }
  return Object.fromEntries(new URLSearchParams(text));
}

function presentedToken(req: IncomingMessage): { token: string; scheme: TokenScheme } | null {
  const privateToken = req.headers['private-token'];
  if (typeof privateToken === 'string' && privateToken !== '') return { token: privateToken, scheme: 'private-token' };
  const authorization = req.headers.authorization;
  const bearer = authorization ? /^Bearer\s+(.+)$/i.exec(authorization.trim()) : null;
  return bearer?.[1] ? { token: bearer[1], scheme: 'bearer' } : null;
}

function corsHeaders(): Record<string, string> {
  return { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': EXPOSED_HEADERS, Vary: 'Origin' };
}

function preflightHeaders(req: IncomingMessage): Record<string, string> {
  const requested = (req.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  // GitLab's rack-cors allows any header on /api; echoing what was asked mirrors that.
  const allowed = [...new Set([...ALLOWED_HEADERS, ...requested])].join(', ');
  return {
    ...corsHeaders(),
    'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': allowed,
    'Access-Control-Max-Age': '7200',
  };
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body?: string): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, headers);
  res.end(body);
}

function sendApiResult(res: ServerResponse, result: ApiResult): void {
  const headers = { ...corsHeaders(), ...result.headers };
  if (result.body === undefined || result.status === 204 || result.status === 304) {
    send(res, result.status, headers);
    return;
  }
  if (typeof result.body === 'string') {
    send(res, result.status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }, result.body);
    return;
  }
  send(res, result.status, { 'Content-Type': 'application/json', ...headers }, JSON.stringify(result.body));
}

function faultMatches(fault: ActiveFault, method: string, rawPath: string): boolean {
  if (fault.remaining <= 0) return false;
  if (fault.method !== '*' && fault.method.toUpperCase() !== method) return false;
  let decoded = rawPath;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    // keep the raw path
  }
  const test = (candidate: string): boolean =>
    typeof fault.pattern === 'string' ? fault.pattern === candidate : new RegExp(fault.pattern.source, fault.pattern.flags.replace('g', '')).test(candidate);
  return test(rawPath) || test(decoded);
}

function faultResult(fault: FaultMode): ApiResult | null {
  if (fault.kind === 'status') {
    const body = fault.body !== undefined ? fault.body : { message: `${fault.status} ${http.STATUS_CODES[fault.status] ?? 'Error'}` };
    return { status: fault.status, body };
  }
  if (fault.kind === 'rate-limit') {
    const resetAt = Math.ceil(Date.now() / 1000) + fault.retryAfterSeconds;
    // GitLab's Rack::Attack throttle answers in plain text with these headers.
    return {
      status: 429,
      body: 'Retry later\n',
      headers: {
        'Retry-After': String(fault.retryAfterSeconds),
        'RateLimit-Name': 'throttle_authenticated_api',
        'RateLimit-Limit': '2000',
        'RateLimit-Observed': '2001',
        'RateLimit-Remaining': '0',
        'RateLimit-Reset': String(resetAt),
        'RateLimit-ResetTime': new Date(resetAt * 1000).toUTCString(),
      },
    };
  }
  return null;
}

function validateFault(value: unknown): FaultMode {
  if (typeof value !== 'object' || value === null) throw new Error('fault must be an object');
  const fault = value as Record<string, unknown>;
  const times = fault.times === undefined ? 1 : fault.times;
  if (typeof times !== 'number' || !Number.isInteger(times) || times < 1) throw new Error('fault.times must be a positive integer');
  const num = (key: string): number => {
    const v = fault[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`fault.${key} must be a non-negative number`);
    return v;
  };
  switch (fault.kind) {
    case 'status': return { kind: 'status', status: num('status'), times, body: fault.body };
    case 'rate-limit': return { kind: 'rate-limit', retryAfterSeconds: num('retryAfterSeconds'), times };
    case 'drop-before': return { kind: 'drop-before', times };
    case 'drop-after': return { kind: 'drop-after', times };
    case 'status-after': return { kind: 'status-after', status: num('status'), times };
    case 'latency': return { kind: 'latency', ms: num('ms'), times };
    default: throw new Error('fault.kind must be status, rate-limit, drop-before, drop-after, status-after or latency');
  }
}

function snapshot(issue: IssueRecord, project: StandInProject): StandInIssue {
  return { ...structuredClone(issue), fullPath: project.fullPath, time_stats: timeStatsJson(issue) };
}

export async function startStandIn(opts: StandInOptions = {}): Promise<StandIn> {
  const basePath = normalizeBasePath(opts.basePath);
  const seedKind: SeedKind = opts.seed ?? 'demo';
  const assignedIssueCount = opts.assignedIssueCount ?? 130;
  const scheme = opts.tls ? 'https' : 'http';
  const host = opts.host ?? '127.0.0.1';

  const apiToken = opts.token ?? DEMO_TOKEN;
  const readonlyToken = opts.readonlyToken ?? READONLY_TOKEN;
  const colleagueToken = opts.colleagueToken ?? COLLEAGUE_TOKEN;
  let tokens = createTokenStore(apiToken, readonlyToken, colleagueToken);
  const era = eraOf(opts.era);
  // The 17.x default leaves `era` out of the state, so every answer stays exactly as before eras.
  const state: ApiState = { data: seedData(seedKind, assignedIssueCount, opts.mergeRequestCount ?? 0), timelogs: [], auth: tokens, ...(opts.era ? { era } : {}) };
  let oauth = createOAuthStore();
  const requests: RecordedRequest[] = [];
  let faults: ActiveFault[] = [];
  let nextRequestId = 1;
  const timers = new Set<NodeJS.Timeout>();
  let port = 0;

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const fail = (method: string, pattern: RegExp | string, fault: FaultMode): void => {
    faults.push({ method, pattern, fault: { ...fault }, remaining: fault.times });
  };
  const clearFaults = (): void => {
    faults = [];
  };
  const reset = (): void => {
    state.data = seedData(seedKind, assignedIssueCount, opts.mergeRequestCount ?? 0);
    state.timelogs.length = 0;
    state.deletedTimelogs = 0;
    tokens = createTokenStore(apiToken, readonlyToken, colleagueToken);
    state.auth = tokens;
    oauth = createOAuthStore();
    requests.length = 0;
    clearFaults();
  };
  const issue = (projectPathOrId: string | number, iid: number): StandInIssue | undefined => {
    let key = String(projectPathOrId);
    try {
      key = decodeURIComponent(key);
    } catch {
      // not encoded
    }
    const project = findProject(state.data, key);
    const found = project && state.data.issues.find((i) => i.projectId === project.id && i.iid === iid);
    return project && found ? snapshot(found, project) : undefined;
  };
  const mergeRequest = (projectPathOrId: string | number, iid: number): (MergeRequestRecord & { fullPath: string }) | undefined => {
    const project = findProject(state.data, String(projectPathOrId));
    const found = project && state.data.mergeRequests.find((m) => m.projectId === project.id && m.iid === iid);
    return project && found ? { ...structuredClone(found), fullPath: project.fullPath } : undefined;
  };
  const assignedOpenCount = (): number =>
    state.data.issues.filter((i) => i.state === 'opened' && i.assigneeIds.includes(DEMO_USER.id)).length;

  const publicBaseFor = (req: IncomingMessage): string => {
    // The Host the client used (e.g. gitlab.com mapped to 127.0.0.1 by the browser),
    // so web_url and Link URLs stay on the origin the extension has permission for.
    const hostHeader = req.headers.host ?? `${urlHost(host)}:${port}`;
    return `${scheme}://${hostHeader}${basePath}`;
  };

  async function handleApiRequest(req: IncomingMessage, res: ServerResponse, rawPath: string, url: URL): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const presented = presentedToken(req);
    const record: RecordedRequest = {
      id: nextRequestId++,
      at: Date.now(),
      method,
      path: rawPath,
      query: Object.fromEntries(url.searchParams),
      body: {},
      authToken: presented?.token ?? null,
      origin: typeof req.headers.origin === 'string' ? req.headers.origin : null,
      status: 0,
    };
    const finish = (result: ApiResult): void => {
      record.status = result.status;
      requests.push(record);
      sendApiResult(res, result);
    };
    const drop = (): void => {
      record.status = 0;
      requests.push(record);
      req.socket.destroy();
    };

    let bodyParams: Record<string, unknown> = {};
    let bodyError: string | null = null;
    try {
      bodyParams = parseBody(await readBody(req), req.headers['content-type']);
    } catch (error) {
      bodyError = error instanceof Error ? error.message : String(error);
    }
    record.body = { ...Object.fromEntries(url.searchParams), ...bodyParams };

    const active = faults.find((f) => faultMatches(f, method, rawPath));
    if (active) active.remaining -= 1;
    faults = faults.filter((f) => f.remaining > 0);
    const fault = active?.fault;

    if (fault?.kind === 'drop-before') return drop();
    if (fault) {
      const immediate = faultResult(fault);
      if (immediate) return finish(immediate);
    }
    // Like a queued request on a busy server: it is still applied if the client gives up.
    if (fault?.kind === 'latency') await sleep(fault.ms);

    let result: ApiResult;
    if (method === 'OPTIONS') {
      result = { status: 204, headers: preflightHeaders(req) };
    } else if (bodyError !== null) {
      result = { status: 400, body: { error: `400 Bad request - ${bodyError}` } };
    } else if (rawPath.startsWith('/oauth/')) {
      result = handleOAuth(oauth, tokens, { method, route: rawPath.slice('/oauth/'.length), params: record.body });
    } else if (rawPath === '/api/graphql' && era.graphql) {
      result = handleGraphql(state, { method, params: record.body, token: record.authToken, tokenScheme: presented?.scheme ?? null, publicBase: publicBaseFor(req) });
    } else if (!era.apis.some((api) => rawPath.startsWith(`/api/${api}/`))) {
      result = { status: 404, body: { error: '404 Not Found' } };
    } else {
      const api = rawPath.startsWith('/api/v3/') ? 'v3' : 'v4';
      try {
        const request = {
          method,
          segments: rawPath.slice('/api/v4'.length).split('/').slice(1).map(decodeSegment),
          path: rawPath,
          query: url.searchParams,
          params: record.body,
          token: record.authToken,
          tokenScheme: presented?.scheme ?? null,
          publicBase: publicBaseFor(req),
        };
        result = api === 'v3' ? handleApiV3(state, request, era) : handleApi(state, request);
      } catch (error) {
        // A stand-in bug must still show up in `requests`, not only on stderr.
        console.error('[stand-in] API handler failed', error);
        result = { status: 500, body: { message: '500 Internal Server Error' } };
      }
    }

    if (fault?.kind === 'drop-after') return drop();
    if (fault?.kind === 'status-after') return finish({ status: fault.status, body: { message: `${fault.status} ${http.STATUS_CODES[fault.status] ?? 'Error'}` } });
    finish(result);
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse, route: string, url: URL): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const reply = (status: number, body?: unknown): void =>
      body === undefined
        ? send(res, status, corsHeaders())
        : send(res, status, { ...corsHeaders(), 'Content-Type': 'application/json' }, JSON.stringify(body));
    if (method === 'OPTIONS') return send(res, 204, preflightHeaders(req));

    let body: Record<string, unknown> = {};
    try {
      body = parseBody(await readBody(req), req.headers['content-type'] ?? 'application/json');
    } catch (error) {
      return reply(400, { error: error instanceof Error ? error.message : String(error) });
    }

    if (method === 'GET' && route === 'requests') {
      const since = Number(url.searchParams.get('since') ?? '0');
      return reply(200, requests.filter((r) => r.id > since));
    }
    if (method === 'GET' && route === 'timelogs') return reply(200, state.timelogs);
    if (method === 'POST' && route === 'reset') {
      reset();
      return reply(200, { ok: true });
    }
    if (method === 'POST' && route === 'clear-faults') {
      clearFaults();
      return reply(200, { ok: true });
    }
    if (method === 'POST' && route === 'fail') {
      try {
        const faultMethod = typeof body.method === 'string' ? body.method : '*';
        const pattern =
          typeof body.pathRegex === 'string' ? new RegExp(body.pathRegex) : typeof body.path === 'string' ? body.path : null;
        if (pattern === null) throw new Error('give path (exact) or pathRegex');
        fail(faultMethod, pattern, validateFault(body.fault));
        return reply(200, { ok: true });
      } catch (error) {
        return reply(400, { error: error instanceof Error ? error.message : String(error) });
      }
    }
    const issueRoute = /^issues\/([^/]+)\/(\d+)$/.exec(route);
    if (method === 'GET' && issueRoute) {
      const found = issue(decodeSegment(issueRoute[1] ?? ''), Number(issueRoute[2]));
      return found ? reply(200, found) : reply(404, { error: 'no such issue' });
    }
    return reply(404, { error: `unknown control route ${method} ${route}` });
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in.invalid');
    const fullPath = url.pathname;
    if (fullPath === '/favicon.ico' || fullPath === `${basePath}/favicon.ico`) return send(res, 204, {});

    // The control API also answers at the root so helpers need not know the basePath.
    const control = /^\/__stand-in\/(.*)$/.exec(fullPath) ?? (basePath ? new RegExp(`^${escapeRegExp(basePath)}/__stand-in/(.*)$`).exec(fullPath) : null);
    if (control) return handleControl(req, res, control[1] ?? '', url);

    if (basePath && fullPath !== basePath && !fullPath.startsWith(`${basePath}/`)) {
      return send(res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, `Not Found: this GitLab lives under ${basePath}/\n`);
    }
    const rawPath = fullPath.slice(basePath.length) || '/';
    // OAuth requests are logged like API calls: the log shows where every token went.
    if (rawPath.startsWith('/api/') || rawPath.startsWith('/oauth/')) return handleApiRequest(req, res, rawPath, url);

    const method = (req.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return send(res, 405, { Allow: 'GET, HEAD' });
    const page = await renderPage(state, rawPath, { basePath, query: url.searchParams });
    const headers: Record<string, string> = { ...(page.contentType ? { 'Content-Type': page.contentType } : {}), ...page.headers };
    let body = page.body;
    if (opts.look && body && page.contentType?.startsWith('text/html')) {
      const asked = themeOf(url.searchParams.get('theme'));
      if (asked) headers['Set-Cookie'] = `stand_in_theme=${asked}; Path=/; SameSite=Lax`;
      const kept = themeOf(/(?:^|;\s*)stand_in_theme=(\w+)/.exec(req.headers.cookie ?? '')?.[1]);
      const theme = asked ?? kept ?? (typeof opts.look === 'object' ? opts.look.theme : 'light');
      body = dressLikeGitLab(body, { era: era.name, theme, basePath, path: rawPath });
    }
    send(res, page.status, headers, body);
  }

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    onRequest(req, res).catch((error: unknown) => {
      console.error('[stand-in] handler failed', error);
      send(res, 500, { ...corsHeaders(), 'Content-Type': 'application/json' }, JSON.stringify({ message: '500 Internal Server Error' }));
    });
  };
  const server = opts.tls ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, listener) : http.createServer(listener);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `${scheme}://${urlHost(host)}:${port}`;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve, reject) => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.close((error) => (error ? reject(error) : resolve()));
      // Keep-alive connections from fetch would otherwise hold close() open.
      server.closeAllConnections();
    });
    return closing;
  };

  return {
    url: `${origin}${basePath}`,
    origin,
    port,
    token: apiToken,
    readonlyToken,
    colleagueToken,
    colleague: { id: COLLEAGUE_USER.id, username: COLLEAGUE_USER.username, name: COLLEAGUE_USER.name },
    oauthClientId: DEMO_OAUTH_CLIENT_ID,
    addToken: (token, tokenOpts) => void addPersonalToken(tokens, token, tokenOpts),
    revokeToken: (token) => {
      const record = tokens.tokens.get(token);
      if (record) record.revoked = true;
    },
    registerOAuthApp: (app) => registerOAuthApp(oauth, app),
    expireOAuthTokens: () => expireOAuthAccessTokens(tokens),
    revokeOAuthGrants: () => revokeOAuthGrants(oauth, tokens),
    user: { id: DEMO_USER.id, username: DEMO_USER.username, name: DEMO_USER.name },
    era,
    get requests() {
      return requests;
    },
    get timelogs() {
      return state.timelogs;
    },
    get notes() {
      return state.data.notes;
    },
    mergeRequest,
    fail,
    clearFaults,
    reset,
    issue,
    assignedOpenCount,
    close,
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
