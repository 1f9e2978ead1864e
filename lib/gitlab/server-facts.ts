/**
 * Which GitLab a server is, as far as the extension cares: the REST API it speaks (v3 on 8.x and
 * GitSwarm, v4 from 9.0; 9.0-10.x speak both, 11.0 dropped v3), its version, and whether it has
 * the time tracking API (GitLab 8.16+). Asked at connect, and again when a request says the
 * server changed (lib/background/redetect.ts).
 *
 * The order of the questions (docs/gitlab.md):
 *   1. `GET /api/v4/version`: any 9.0+ server; pre-9.0 servers answer 404.
 *   2. `GET /api/v3/version`: 8.13-10.x.
 *   3. `GET /api/v3/user`: 8.0-8.12 and GitSwarm, which have no /version: their version stays
 *      unknown, and they predate time tracking.
 * Anything other than 404 (a refused token, a network failure) ends the questions: the answer
 * is unknown, and the caller keeps to v4, whose `/user` then says what is wrong in words.
 */
import type { GitLabClient } from './types';
import { GitLabError } from './errors';
import { parseVersion, versionAtLeast } from './version';

export type ApiVersion = 'v3' | 'v4';

export interface ServerFacts {
  apiVersion: ApiVersion;
  /** `8.16.3`, `10.8.7`, `17.11.0-ee`; null when the server does not say (8.12 and older, GitSwarm). */
  gitlabVersion: string | null;
  /** The time tracking API (`time_stats`, `add_spent_time`, ...): GitLab 8.16+. */
  hasTimeTracking: boolean;
}

/**
 * GitSwarm numbers its releases by year (`2016.1`): every one is a GitLab 8.x before 8.16 (verify),
 * so a version above this major is not read as a GitLab version.
 */
const YEAR_VERSIONS = 2000;

/** What a version string tells, for the API that answered. */
export function serverFacts(apiVersion: ApiVersion, gitlabVersion: string | null): ServerFacts {
  const parsed = parseVersion(gitlabVersion);
  const gitlabLike = parsed !== null && parsed[0] < YEAR_VERSIONS;
  // v4 exists from 9.0, well after time tracking; an unreadable v4 version is a newer server.
  const hasTimeTracking = apiVersion === 'v4' ? !gitlabLike || versionAtLeast(gitlabVersion, 8, 16) : gitlabLike && versionAtLeast(gitlabVersion, 8, 16);
  return { apiVersion, gitlabVersion, hasTimeTracking };
}

// Identity calls turn a 404 into 'not-gitlab': the status is what tells here.
const isNotFound = (error: unknown) => error instanceof GitLabError && (error.status === 404 || error.status === 410);

/**
 * Asks the server which API it speaks. `clientFor` makes a client of that API version for the
 * same server and token. Null: the server did not say (wrong token, unreachable, not GitLab).
 */
export async function detectServer(clientFor: (apiVersion: ApiVersion) => Pick<GitLabClient, 'getVersion' | 'getUser'>): Promise<ServerFacts | null> {
  try {
    const { version } = await clientFor('v4').getVersion();
    return serverFacts('v4', version);
  } catch (error) {
    if (!isNotFound(error)) return null;
  }
  const v3 = clientFor('v3');
  try {
    const { version } = await v3.getVersion();
    return serverFacts('v3', version);
  } catch (error) {
    if (!isNotFound(error)) return null;
  }
  try {
    await v3.getUser();
    return serverFacts('v3', null);
  } catch {
    return null;
  }
}

/** GitLab 9.0-9.4: v4 without `scope` on `/issues`; 9.5-10.x spell it `assigned-to-me`; 11.0+ `assigned_to_me`. */
export function assignedIssuesQuery(gitlabVersion: string | null | undefined, userId: number | null): Record<string, string> | null {
  if (!parseVersion(gitlabVersion)) return null;
  if (versionAtLeast(gitlabVersion, 11, 0)) return { scope: 'assigned_to_me' };
  if (versionAtLeast(gitlabVersion, 9, 5)) return { scope: 'assigned-to-me' };
  return userId === null ? null : { assignee_id: String(userId) };
}

/**
 * `GET /merge_requests` (added in 9.5): its "assigned to me" scope, spelt as for issues; null where
 * the server has no such list (9.0-9.4). Unknown versions are taken to be recent.
 */
export function myMergeRequestsScope(gitlabVersion: string | null | undefined): string | null {
  if (!parseVersion(gitlabVersion) || versionAtLeast(gitlabVersion, 11, 0)) return 'assigned_to_me';
  return versionAtLeast(gitlabVersion, 9, 5) ? 'assigned-to-me' : null;
}

/** Reviewers and the `reviewer_id` filter: GitLab 13.7/13.8 (13.8 taken, to be sure); unknown versions are recent. */
export function hasReviewers(gitlabVersion: string | null | undefined): boolean {
  return !parseVersion(gitlabVersion) || versionAtLeast(gitlabVersion, 13, 8);
}

/** `add_spent_time` takes `summary` from about 14.2 (verify); unknown versions are taken to be recent. */
export function takesTimelogSummary(gitlabVersion: string | null | undefined): boolean {
  return !parseVersion(gitlabVersion) || versionAtLeast(gitlabVersion, 14, 2);
}

/**
 * The popup's issues and merge requests over GraphQL (`listMyWork`): the root `issues` query came
 * in 15.6. Only a known version is asked this way; older and unknown ones keep to REST.
 */
export function listsOverGraphql(apiVersion: string | undefined, gitlabVersion: string | null | undefined): boolean {
  return apiVersion !== 'v3' && versionAtLeast(gitlabVersion, 15, 6);
}
