import type { ErrorCode, InstanceIssues, InstanceTodos } from '@/lib/messaging';
import { age, hostOf } from '@/lib/popup/list-model';

interface Problem {
  baseUrl: string;
  error: string;
  code?: ErrorCode;
  fetchedAt: number;
  kept: number;
}

/** One line per GitLab that failed, with its last good list's age; the other GitLabs carry on. */
export function problemsOf(assigned: InstanceIssues[], todos: InstanceTodos[]): Problem[] {
  const byInstance = new Map<string, Problem>();
  for (const g of assigned) {
    if (g.error) byInstance.set(g.instance.baseUrl, { baseUrl: g.instance.baseUrl, error: g.error, code: g.errorCode, fetchedAt: g.fetchedAt, kept: g.issues.length });
  }
  for (const g of todos) {
    if (g.error && !byInstance.has(g.instance.baseUrl)) {
      byInstance.set(g.instance.baseUrl, { baseUrl: g.instance.baseUrl, error: g.error, code: g.errorCode, fetchedAt: g.fetchedAt, kept: 0 });
    }
  }
  return [...byInstance.values()];
}

interface Props {
  problems: Problem[];
  now: number;
  onReconnect(): void;
}

export function InstanceProblems({ problems, now, onReconnect }: Props) {
  if (!problems.length) return null;
  return (
    <div class="problems" aria-live="polite">
      {problems.map((p) => {
        const host = hostOf(p.baseUrl);
        const reconnect = p.code === 'unauthorized' || p.code === 'not-connected' || p.code === 'forbidden';
        return (
          <div class="error" key={p.baseUrl}>
            <strong>{host}:</strong> {p.error}
            {p.kept > 0 && p.fetchedAt > 0 && ` Showing its issues from ${age(p.fetchedAt, now)}.`}
            {reconnect && (
              <>
                {' '}
                <button type="button" class="link" onClick={onReconnect}>
                  Reconnect {host}
                </button>
              </>
            )}
          </div>
        );
      })}
    </div>
  );
}
