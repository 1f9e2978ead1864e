/** One request of the client and GitLab's answer to it (lib/gitlab/client.ts sends them; v3.ts builds some). */
import type { Subject } from './errors';

export interface Call {
  method: 'GET' | 'POST' | 'DELETE';
  /** Below `/api/v4` (or `/api/v3`), or `/api/graphql` itself with `graphql`. */
  path: string;
  graphql?: boolean;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  subject: Subject;
}

export interface Answer {
  status: number;
  headers: Headers;
  /** undefined for an empty body, NOT_JSON for anything that is not JSON (an HTML login page, say). */
  data: unknown;
}
