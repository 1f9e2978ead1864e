import { render } from 'preact';
import { Popup } from '@/components/Popup';
import { backgroundMessenger, viewsMessenger } from '@/lib/messaging';
import { createPopupStore } from '@/lib/views/popup-store';
import { createTimerStore } from '@/lib/views/timer-store';
import '@/components/pages.css';
import '@/components/popup.css';

// For the benchmark (scripts/bench/popup.ts): when the popup's script starts running.
performance.mark('tk:popup-script');
/** How long the first render waits for the first screen (normally read before this script ran). */
const FIRST_SCREEN_WAIT_MS = 50;

const timerStore = createTimerStore(backgroundMessenger, viewsMessenger);
const popupStore = createPopupStore();
popupStore.getState().setOnline(navigator.onLine);
const firstScreen = popupStore.getState().showFirstScreen();
void popupStore.getState().load();
void timerStore.getState().load();
// The first frame shows the list: rendering an empty popup first would only delay it by a frame.
await Promise.race([firstScreen, new Promise((resolve) => setTimeout(resolve, FIRST_SCREEN_WAIT_MS))]);

render(
  <Popup
    timerStore={timerStore}
    popupStore={popupStore}
    env={{
      openOptions: () => void browser.runtime.openOptionsPage(),
      openUrl: (url) => void browser.tabs.create({ url }),
      copyText: (text) => navigator.clipboard.writeText(text),
    }}
  />,
  document.getElementById('app')!,
);
