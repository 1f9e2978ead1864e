import { render } from 'preact';
import { Popup } from '@/components/popup/Popup';
import { backgroundMessenger, viewsMessenger } from '@/lib/model/protocol';
import { createPopupStore } from '@/lib/popup/store';
import { createTimerStore } from '@/lib/model/timer-view';
import { firstDayOfWeek } from '@/lib/model/first-day';
import '@/components/shared/pages.css';
import '@/components/popup/popup.css';

// For the benchmark (scripts/bench/popup.ts): when the popup's script starts running.
// Test builds: when the popup's script started (the benchmark's popup figures).
if (import.meta.env.TK_TEST_BUILD) performance.mark('tk:popup-script');
const timerStore = createTimerStore(backgroundMessenger, viewsMessenger);
const popupStore = createPopupStore();
popupStore.getState().setOnline(navigator.onLine);
// load() puts the first screen in place before it returns: the first render already shows rows.
void popupStore.getState().load();
void timerStore.getState().load();

render(
  <Popup
    timerStore={timerStore}
    popupStore={popupStore}
    env={{
      openOptions: () => void browser.runtime.openOptionsPage(),
      openUrl: (url) => void browser.tabs.create({ url }),
      copyText: (text) => navigator.clipboard.writeText(text),
      loggedToday: {
        firstDay: firstDayOfWeek(navigator.language),
        weekLogs: async (range, mode) => {
          const answer = await backgroundMessenger.sendMessage('timesheetWeek', { ...range, mode });
          return answer.ok ? answer.weeks : null;
        },
        openTimesheet: () => void browser.tabs.create({ url: browser.runtime.getURL('/timesheet.html') }).then(() => window.close()),
      },
    }}
  />,
  document.getElementById('app')!,
);
// Test builds: when the first render was done (the benchmark's popup figures).
if (import.meta.env.TK_TEST_BUILD) performance.mark('tk:popup-rendered');
