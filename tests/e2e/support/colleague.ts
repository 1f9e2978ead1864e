/**
 * The stand-in's second user acting through GitLab's own API with their own token, as a
 * colleague working on the same issue would. Works for the plain and the TLS stand-in (whose
 * certificate only the browser under test is told to trust).
 */
import { request as httpsRequest } from 'node:https';
import type { StandIn } from '../../fake-gitlab/server';

function post(url: string, token: string, body: unknown): Promise<number> {
  const payload = JSON.stringify(body);
  const headers = { 'PRIVATE-TOKEN': token, 'Content-Type': 'application/json' };
  if (url.startsWith('http:')) return fetch(url, { method: 'POST', headers, body: payload }).then((r) => r.status);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: 'POST', headers, rejectUnauthorized: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** The colleague logs `duration` (GitLab's words) on an issue; resolves to GitLab's status code. */
export function colleagueLogs(standIn: StandIn, projectPath: string, iid: number, duration: string): Promise<number> {
  return post(`${standIn.url}/api/v4/projects/${encodeURIComponent(projectPath)}/issues/${iid}/add_spent_time`, standIn.colleagueToken, { duration });
}

/** Time logs on an issue by the user under test, and by the colleague. */
export function logsByWhom(standIn: StandIn, issueId: number): { mine: number[]; theirs: number[] } {
  const on = standIn.timelogs.filter((t) => t.issueId === issueId);
  return {
    mine: on.filter((t) => t.userId !== standIn.colleague.id).map((t) => t.seconds),
    theirs: on.filter((t) => t.userId === standIn.colleague.id).map((t) => t.seconds),
  };
}
