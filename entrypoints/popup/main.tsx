import { render } from 'preact';
import { Popup } from '@/components/Popup';
import { createAssignedStore } from '@/lib/views/assigned-store';
import { createTimerStore } from '@/lib/views/timer-store';
import '@/components/pages.css';

render(
  <Popup timerStore={createTimerStore()} assignedStore={createAssignedStore()} openOptions={() => void browser.runtime.openOptionsPage()} />,
  document.getElementById('app')!,
);
