/**
 * The popup's list of assigned issues: painted from the background's cache at once, then
 * refreshed. Each instance keeps its own error so one failing GitLab hides no other.
 */
import { createStore } from 'zustand/vanilla';
import { backgroundMessenger, type AssignedIssueRow, type InstanceIssues } from '../messaging';

export interface AssignedState {
  groups: InstanceIssues[];
  loading: boolean;
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
}

/** Newest activity first, across every instance. */
export function mergeRows(groups: InstanceIssues[]): AssignedIssueRow[] {
  return groups.flatMap((g) => g.issues).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export function createAssignedStore(messenger = backgroundMessenger) {
  return createStore<AssignedState>()((set) => ({
    groups: [],
    loading: false,
    loaded: false,
    error: null,
    async load() {
      set({ loading: true });
      try {
        const cached = await messenger.sendMessage('assignedIssues', { refresh: false });
        set({ groups: cached, loaded: cached.length > 0 });
        const fresh = await messenger.sendMessage('assignedIssues', { refresh: true });
        set({ groups: fresh, loading: false, loaded: true, error: null });
      } catch {
        set({ loading: false, loaded: true, error: 'The extension did not answer. Close and reopen this popup.' });
      }
    },
  }));
}
