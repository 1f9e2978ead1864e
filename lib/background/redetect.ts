/**
 * A connected GitLab that answers as if an API or route were gone (410, or a 404 for the route
 * itself) may have been upgraded (11.0 removed API v3) or replaced: ask it again which API and
 * version it has (lib/gitlab/detect.ts) and record the answer, so the next request speaks its
 * language. At most once per instance every few minutes: a route older servers lack
 * (`/personal_access_tokens/self`) must not set off a question per request.
 */
import { createGitLabClient } from '../gitlab/client';
import { detectServer } from '../gitlab/server-facts';
import { instancesItem, tokensItem } from '../model/storage';
import type { BackgroundDeps } from './deps';

export const REDETECT_INTERVAL_MS = 5 * 60_000;

const lastAsked = new Map<string, number>();
const running = new Map<string, Promise<void>>();

export function redetectServer(deps: BackgroundDeps, instanceId: string): Promise<void> {
  const now = deps.now();
  const before = lastAsked.get(instanceId);
  if (running.has(instanceId)) return running.get(instanceId)!;
  if (before !== undefined && now - before < REDETECT_INTERVAL_MS) return Promise.resolve();
  lastAsked.set(instanceId, now);
  const work = ask(deps, instanceId)
    .catch(() => undefined)
    .finally(() => running.delete(instanceId));
  running.set(instanceId, work);
  return work;
}

async function ask(deps: BackgroundDeps, instanceId: string): Promise<void> {
  const stored = (await tokensItem.getValue())[instanceId];
  if (!stored) return;
  const origin = new URL(instanceId).origin;
  // Only to the instance's own origin, like every request carrying its token.
  const fetchHere: typeof fetch = async (input, init) => {
    if (new URL(input instanceof Request ? input.url : String(input)).origin !== origin) throw new TypeError('Timekeeper sends a GitLab token only to that GitLab.');
    return deps.fetch(input, init);
  };
  const auth = { baseUrl: instanceId, token: stored.token, tokenType: stored.type };
  const facts = await detectServer((apiVersion) => createGitLabClient(auth, { fetch: fetchHere, apiVersion }));
  if (!facts) return;
  const instances = await instancesItem.getValue();
  const current = instances.find((i) => i.baseUrl === instanceId);
  if (!current) return;
  if (current.apiVersion === facts.apiVersion && current.gitlabVersion === facts.gitlabVersion && (current.hasTimeTracking ?? true) === facts.hasTimeTracking) return;
  await instancesItem.setValue(
    instances.map((i) => (i.baseUrl === instanceId ? { ...i, apiVersion: facts.apiVersion, gitlabVersion: facts.gitlabVersion, hasTimeTracking: facts.hasTimeTracking } : i)),
  );
}
