import { render } from 'preact';
import { TimesheetPage } from '@/components/timesheet/TimesheetPage';
import { createTimesheetApi } from '@/lib/timesheet/api';
import { localTimeZone, parseDay } from '@/lib/timesheet/calendar';
import { firstDayOfWeek } from '@/lib/timesheet/first-day';
import { uiLanguage } from '@/lib/model/i18n';
import '@/components/shared/pages.css';
import '@/components/timesheet/timesheet.css';

// Day names and dates in the extension's language; the first day of the week by the browser's region.
const locale = uiLanguage();
const day = parseDay(new URLSearchParams(location.search).get('week') ?? '') ?? undefined;
// Test builds: when the table was on screen with the kept answer and with GitLab's (the benchmark's figures).
const onPainted = import.meta.env.TK_TEST_BUILD
  ? (from: 'kept' | 'gitlab', arrivedAt: number | null) => {
      performance.mark(`tk:timesheet-painted-${from}`, { detail: { arrivedAt } });
    }
  : undefined;
render(
  <TimesheetPage api={createTimesheetApi()} options={{ firstDay: firstDayOfWeek(navigator.language), timeZone: localTimeZone() }} locale={locale} initialDay={day} onPainted={onPainted} />,
  document.getElementById('app')!,
);
