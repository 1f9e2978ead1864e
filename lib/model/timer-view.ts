/**
 * The timer as every view sees it: the background's last word plus the view's own busy and
 * error state. Views only ask; the background decides and tells every view what changed.
 */
import { createStore } from 'zustand/vanilla';
import type { backgroundMessenger, LogOutcome, Result, ViewState, viewsMessenger } from './protocol';
import { t } from './i18n';

export type TimerAction = 'pauseTimer' | 'resumeTimer' | 'stopTimer' | 'discardTimer' | 'keepIdle' | 'discardIdle';

export interface TimerStoreState {
  state: ViewState | null;
  /** What became of the last time log this view caused (a stop, a switch), as the background answered it. */
  lastLog: LogOutcome | null;
  busy: boolean;
  error: string | null;
  /** Set when the background wants a decision (e.g. under a minute timed). */
  question: string | null;
  load(): Promise<void>;
  run(action: TimerAction): Promise<boolean>;
  start(target: Parameters<typeof backgroundMessenger.sendMessage<'startTimer'>>[1]): Promise<boolean>;
  clearMessages(): void;
}

const UNREACHABLE = t('unreachable');

/**
 * The messengers come from the caller: extension pages pass lib/messaging.ts's, the issue widget
 * its lighter content-script ones (lib/content/messenger.ts).
 */
export function createTimerStore(messenger: Pick<typeof backgroundMessenger, 'sendMessage'>, views: Pick<typeof viewsMessenger, 'onMessage'>) {
  const store = createStore<TimerStoreState>()((set) => {
    type Reply = Result<{ state?: ViewState; log?: LogOutcome; switched?: LogOutcome }>;
    const settle = (result: Reply): boolean => {
      if (result.ok) {
        const lastLog = result.log ?? result.switched;
        set({ busy: false, error: null, question: null, ...(result.state ? { state: result.state } : {}), ...(lastLog ? { lastLog } : {}) });
        return true;
      }
      if (result.code === 'needs-confirmation') set({ busy: false, question: result.error, error: null });
      else set({ busy: false, error: result.error, question: null });
      return false;
    };
    const guard = async (call: () => Promise<Reply>): Promise<boolean> => {
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
      lastLog: null,
      busy: false,
      error: null,
      question: null,
      async load() {
        try {
          const result = await messenger.sendMessage('getState', undefined);
          set(result.ok ? { state: result.state } : { error: result.error });
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
