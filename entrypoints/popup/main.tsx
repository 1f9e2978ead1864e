import { render } from 'preact';
import { Popup } from '@/components/Popup';
import { createPopupStore } from '@/lib/views/popup-store';
import { createTimerStore } from '@/lib/views/timer-store';
import '@/components/pages.css';
import '@/components/popup.css';

render(
  <Popup
    timerStore={createTimerStore()}
    popupStore={createPopupStore()}
    env={{
      openOptions: () => void browser.runtime.openOptionsPage(),
      openUrl: (url) => void browser.tabs.create({ url }),
      copyText: (text) => navigator.clipboard.writeText(text),
      isOnline: () => navigator.onLine,
    }}
  />,
  document.getElementById('app')!,
);
