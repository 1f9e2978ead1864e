import type { TodoRow } from '@/lib/model/protocol';
import { hostOf, rowKey, todoActionText } from '@/lib/popup/list-model';
import { readOnlyNoteId } from './InstanceProblems';
import { t } from '@/lib/model/i18n';

interface Props {
  todos: TodoRow[];
  /** All pending to-dos; more than `todos` while only the first screen is read. */
  count: number;
  /** To-dos being marked done right now (rowKey). */
  marking: string[];
  /** Why each read-only GitLab (by base URL) takes no changes: its to-dos' Mark as done waits. */
  readOnly: ReadonlyMap<string, string>;
  showHost: boolean;
  onDone(todo: TodoRow): void;
}

/** The user's pending to-dos across every GitLab, each with a link and Mark as done. */
export function TodoList({ todos, count, marking, readOnly, showHost, onDone }: Props) {
  return (
    <section class="todos" aria-labelledby="todos-heading">
      <h2 id="todos-heading" class="section">
        {t('todos')} <span class="muted">({count})</span>
      </h2>
      {count === 0 && <p class="muted">{t('noTodos')}</p>}
      <ul aria-label={t('todoItems')} class="todo-list">
        {todos.map((todo) => {
          const host = showHost ? hostOf(todo.instanceId) : null;
          const on = host ? ` ${t('onHost', host)}` : '';
          const what = todo.reference ?? todo.title;
          const refused = readOnly.get(todo.instanceId);
          return (
            <li key={rowKey(todo)} aria-label={[todo.title, todo.reference].filter(Boolean).join(' ') + on}>
              <div class="row-main">
                <a href={todo.webUrl} target="_blank" rel="noreferrer" class="title" title={todo.title}>
                  {todo.title}
                </a>
                <div class="meta">
                  {todo.reference && <span>{todo.reference}</span>}
                  {host && <span>{host}</span>}
                  <span>{todoActionText(todo.actionName)}</span>
                </div>
              </div>
              <button
                type="button"
                disabled={refused !== undefined || marking.includes(rowKey(todo))}
                aria-label={`${t('markAsDone')} ${what}${on}`}
                aria-describedby={refused ? readOnlyNoteId(todo.instanceId) : undefined}
                title={refused}
                onClick={() => onDone(todo)}
              >
                {t('done')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
