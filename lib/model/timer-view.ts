/**
 * The timer as every view sees it: the background's last word plus the view's own busy and
 * error state. Views only ask; the background decides and tells every view what changed.
 */
import { createStore } from 'zustand/vanilla';
import type { backgroundMessenger, Result, UiState, viewsMessenger } from './protocol';

export type TimerAction = 'pauseTimer' | 'resumeTimer' | 'stopTimer' | 'discardTimer' | 'keepIdle' | 'discardIdle';

export interface TimerStoreState {
  state: UiState | null;
  busy: boolean;
  error: string | null;
  /** Set when the background wants a decision (e.g. under a minute timed). */
  question: string | null;
  load(): Promise<void>;
  run(action: TimerAction): Promise<boolean>;
  start(target: Parameters<typeof backgroundMessenger.sendMessage<'startTimer'>>[1]): Promise<boolean>;
  clearMessages(): void;
}

const UNREACHABLE = 'The extension did not answer. Reload the page; your timer is safe.';

/**
 * The messengers come from the caller: extension pages pass lib/messaging.ts's, the issue widget
 * its lighter content-script ones (lib/content/messenger.ts).
 */
export function createTimerStore(messenger: Pick<typeof backgroundMessenger, 'sendMessage'>, views: Pick<typeof viewsMessenger, 'onMessage'>) {
  const store = createStore<TimerStoreState>()((set) => {
    const settle = (result: Result<{ state?: UiState }>): boolean => {
      if (result.ok) {
        set({ busy: false, error: null, question: null, ...(result.state ? { state: result.state } : {}) });
        return true;
      }
      if (result.code === 'needs-confirmation') set({ busy: false, question: result.error, error: null });
      else set({ busy: false, error: result.error, question: null });
      return false;
    };
    const guard = async (call: () => Promise<Result<{ state?: UiState }>>): Promise<boolean> => {
      set({ busy: true });
      try {
        return settle(await call());
      } catch {
        set({ busy: false, error: UNREACHABLE });
        return false;
      }
    };
    return {
      state: null,
      busy: false,
      error: null,
      question: null,
      async load() {
        try {
          set({ state: await messenger.sendMessage('getState', undefined) });
        } catch {
          set({ error: UNREACHABLE });
        }
      },
      run: (action) => guard(() => messenger.sendMessage(action, undefined)),
      start: (target) => guard(() => messenger.sendMessage('startTimer', target)),
      clearMessages: () => set({ error: null, question: null }),
    };
  });
  const stop = views.onMessage('stateChanged', ({ data }) => {
    store.setState({ state: data });
  });
  return Object.assign(store, { dispose: stop });
}

export type TimerStore = ReturnType<typeof createTimerStore>;
