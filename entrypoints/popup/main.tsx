import { render } from 'preact';
import { Popup } from '@/components/Popup';
import { backgroundMessenger, viewsMessenger } from '@/lib/messaging';
import { createPopupStore } from '@/lib/views/popup-store';
import { createTimerStore } from '@/lib/views/timer-store';
import '@/components/pages.css';
import '@/components/popup.css';

// Reading starts before the first render: the popup's first paint waits on storage, not on Preact.
const timerStore = createTimerStore(backgroundMessenger, viewsMessenger);
const popupStore = createPopupStore();
popupStore.getState().setOnline(navigator.onLine);
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
    }}
  />,
  document.getElementById('app')!,
);
