/**
 * What the background's services share: the browser, a clock and fetch (injected so unit
 * tests can drive them), and the one place that turns a stored token into a GitLab client.
 */
import type { WxtBrowser as Browser } from 'wxt/browser';
import { createGitLabClient, GitLabError, type GitLabClient } from '../gitlab/client';
import type { ErrorCode } from '../messaging';
import { instancesItem, tokensItem, type Instance } from '../storage';

export interface BackgroundDeps {
  browser: Browser;
  now: () => number;
  fetch: typeof fetch;
}

export async function findInstance(instanceId: string): Promise<Instance | undefined> {
  return (await instancesItem.getValue()).find((i) => i.baseUrl === instanceId);
}

export async function clientFor(deps: BackgroundDeps, instanceId: string): Promise<GitLabClient | null> {
  const tokens = await tokensItem.getValue();
  const stored = tokens[instanceId];
  if (!stored) return null;
  return createGitLabClient({ baseUrl: instanceId, token: stored.token, tokenType: stored.type }, { fetch: deps.fetch });
}

export function errorCode(error: unknown): ErrorCode {
  if (!(error instanceof GitLabError)) return 'server';
  switch (error.kind) {
    case 'unauthorized':
      return 'unauthorized';
    case 'forbidden':
    case 'insufficient-scope':
      return 'forbidden';
    case 'not-found':
      return 'not-found';
    case 'bad-request':
      return 'bad-input';
    case 'network':
    case 'timeout':
      return 'offline';
    default:
      return 'server';
  }
}

/** Words for a person. GitLabError messages are written for people and never carry a token. */
export function errorMessage(error: unknown): string {
  if (error instanceof GitLabError) return error.message;
  return 'Something went wrong inside the extension. Your timer and time logs are kept; try again.';
}

export function describeIssue(issue: { projectPath: string; iid: number }): string {
  return `${issue.projectPath}#${issue.iid}`;
}
