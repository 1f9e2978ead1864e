/**
 * The item page's time tracking panel as it first paints, compact: spent against the estimate
 * with its bar, and the timer, in three lines. Plain DOM rather than Preact: the first paint
 * must fit in 10 KB gzipped with the loader, and Preact alone is half of that. The time log,
 * estimate, resets and to-do sit behind "More time tracking", whose code (and Preact with it)
 * arrives when it is first opened (`openForms`, mount.ts); once open it stays open on this page.
 * Elements are built once and updated in place, so focus stays where the user put it. Lives in
 * a shadow root; names follow docs/ui-contract.md.
 */
import { formatClock, formatGitLabDuration } from '@/lib/gitlab/duration';
import { itemReference, sameItemHere, type ItemKey } from '@/lib/model/item';
import { elapsedMs } from '@/lib/model/timer';
import type { DetectedIssue } from '@/lib/content/page-facts';
import type { IssueWidgetState, IssueWidgetStore } from '@/lib/content/widget-store';
import type { TimerAction, TimerStore, TimerStoreState } from '@/lib/model/timer-view';
import type { TimeStats } from '@/lib/gitlab/client';
import { plural, t, timeOfDay } from '@/lib/model/i18n';

export interface WidgetProps {
  issueStore: IssueWidgetStore;
  timerStore: TimerStore;
  /** The title GitLab shows for the issue, read when a timer starts. */
  titleOf: (issue: DetectedIssue) => string | undefined;
  /** Opens the options page with this GitLab's address filled in. */
  connect: () => void;
  /** Renders the forms behind "More time tracking" into `into`, fetching their code the first time. */
  openForms: (into: HTMLElement) => Promise<void>;
}

type Child = Node | string | null | false | undefined;
/** An element with its attributes (`on…` functions become listeners; false and null are left out) and children. */
function el(tag: string, attrs: Record<string, unknown> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value as EventListener);
    else if (value !== null && value !== false && value !== undefined) element.setAttribute(name, String(value));
  }
  element.append(...(children.filter(Boolean) as Array<Node | string>));
  return element;
}
const button = (label: string, onClick: () => void, attrs: Record<string, unknown> = {}) => el('button', { type: 'button', onclick: onClick, ...attrs }, label);
/** Replaces `parent`'s children, unless what they show is unchanged (`key`): nothing flickers, no focus is lost. */
function fill(parent: HTMLElement, key: string, make: () => Child[]): void {
  if (parent.dataset.key === key) return;
  parent.dataset.key = key;
  parent.replaceChildren(...(make().filter(Boolean) as Array<Node | string>));
}
const setDisabled = (b: HTMLElement, disabled: boolean) => ((b as HTMLButtonElement).disabled = disabled);

function summary(stats: TimeStats, limitToHours: boolean): Child[] {
  const spent = stats.human_total_time_spent;
  const estimate = stats.human_time_estimate;
  const over = stats.total_time_spent - stats.time_estimate;
  const percent = Math.round((stats.total_time_spent / stats.time_estimate) * 100);
  const estimated = stats.time_estimate > 0;
  return [
    el(
      'p',
      { class: 'tk-stats' },
      el('span', {}, ...(spent ? [t('spentLabel') + ' ', el('b', {}, spent)] : [t('noTimeSpent')])),
      ' ',
      el('span', {}, ...(estimate ? [t('estimateLabel') + ' ', el('b', {}, estimate)] : [t('noEstimate')])),
    ),
    estimated &&
      el(
        'div',
        { class: 'tk-meter' },
        el('div', { class: over > 0 ? 'tk-bar tk-over' : 'tk-bar', 'aria-hidden': 'true' }, el('span', { style: `width:${Math.min(100, percent)}%` })),
        over > 0
          ? el('span', { class: 'tk-over-text' }, el('span', { 'aria-hidden': 'true' }, '+'), el('span', { class: 'tk-sr' }, t('overEstimateBy') + ' '), formatGitLabDuration(over, { limitToHours }))
          : el('span', { class: 'tk-muted' }, `${percent}%`, el('span', { class: 'tk-sr' }, ' ' + t('ofEstimateUsed'))),
      ),
  ];
}

/** Builds the panel in `container` and keeps it up to date; returns how to take it down. */
export function renderWidget(container: HTMLElement, { issueStore, timerStore, titleOf, connect, openForms }: WidgetProps): () => void {
  let open = false;
  let formsFailed = false;
  const run = (action: TimerAction) => void timerStore.getState().run(action);

  const reference = el('span');
  const more = el('button', { type: 'button', class: 'tk-quiet', 'aria-label': t('moreTimeTracking'), 'aria-expanded': 'false', 'aria-controls': 'tk-more' }, t('more') + ' ', el('span', { 'aria-hidden': 'true' }, '▾'));
  const head = el('div', { class: 'tk-head' }, el('h2', {}, t('timeTracking') + ' ', reference), more);
  const top = el('div');
  const stats = el('div');
  const start = button(t('startTimer'), () => {
    const issue = issueStore.getState().issue;
    if (issue) void timerStore.getState().start({ target: { page: { projectPath: issue.projectPath, kind: issue.kind, iid: issue.iid, title: titleOf(issue) } } });
  }, { class: 'tk-primary' });
  const elsewhere = el('span', { class: 'tk-note' });
  const startRow = el('div', { class: 'tk-row' }, start, elsewhere);
  const clock = el('span', { role: 'timer', 'aria-live': 'off' });
  const pause = button('', () => run(clock.classList.contains('tk-paused') ? 'resumeTimer' : 'pauseTimer'));
  const stop = button(t('stop'), () => run('stopTimer'), { class: 'tk-primary', 'aria-label': t('stopTimer') });
  const discard = button('✕', () => run('discardTimer'), { class: 'tk-quiet', 'aria-label': t('discardTimer'), title: t('discardTimer') });
  const timerRow = el('div', { class: 'tk-timer-row' }, clock, pause, stop, discard);
  const idle = el('div');
  const readOnlyNote = el('p', { class: 'tk-note' });
  const forms = el('div', { id: 'tk-more' });
  const messages = el('div');
  const section = el('section', { role: 'region', 'aria-label': t('timeTracking') }, head, top, stats, startRow, timerRow, idle, readOnlyNote, forms, messages);

  more.addEventListener('click', () => {
    // Opens for good (docs/ui-contract.md): a second press leaves it open.
    if (open) return;
    open = true;
    more.setAttribute('aria-expanded', 'true');
    more.lastElementChild!.textContent = '▴';
    const loading = el('p', { role: 'status', class: 'tk-note' }, t('loading'));
    forms.before(loading);
    update();
    openForms(forms)
      .catch(() => {
        formsFailed = true;
        update();
      })
      .finally(() => loading.remove());
  });

  let tick: ReturnType<typeof setInterval> | undefined;
  const update = () => {
    const { issue, connected, view, loadError, busy, error, done, readOnly }: IssueWidgetState = issueStore.getState();
    const timers: TimerStoreState = timerStore.getState();
    section.hidden = !issue;
    if (!issue) return;
    const same = (item: Omit<ItemKey, 'instanceId'>) => sameItemHere(item, issue);
    // The background shows a page the timer and time logs of its own GitLab only.
    const timer = timers.state?.timer ?? null;
    const here = timer && same(timer.item) ? timer : null;
    const writable = !readOnly && !!view;
    const tracking = !!view && !view.noTimeTracking;
    const reconnect = !connected || loadError?.code === 'unauthorized' || loadError?.code === 'not-connected';

    reference.textContent = itemReference(issue);
    more.hidden = !view;
    fill(top, JSON.stringify([connected, loadError, reconnect, !view, view?.noTimeTracking]), () => [
      !connected && el('p', {}, t('notConnectedHere')),
      loadError && connected && el('p', { role: 'alert', class: 'tk-error' }, loadError.message),
      reconnect && el('div', { class: 'tk-row' }, button(t('connectThisGitLab'), connect, { class: 'tk-primary' })),
      connected && !view && !loadError && el('p', { role: 'status' }, t('loadingTimeTracking')),
      view?.noTimeTracking && el('p', { class: 'tk-note' }, view.noTimeTracking),
    ]);
    fill(stats, JSON.stringify([tracking && view.timeStats, issue.limitToHours]), () => (tracking ? summary(view.timeStats, issue.limitToHours) : []));

    startRow.hidden = !tracking || !!here;
    setDisabled(start, timers.busy || !writable);
    elsewhere.textContent = timer && !here ? t('runningElsewhere', itemReference(timer.item)) : '';
    timerRow.hidden = !tracking || !here;
    section.classList.toggle('tk-running', !!here?.runningSince);
    if (here) {
      const running = here.runningSince !== null;
      clock.textContent = formatClock(elapsedMs(here, Date.now()));
      clock.className = running ? 'tk-clock' : 'tk-clock tk-paused';
      clock.setAttribute('aria-label', running ? t('elapsedTime') : t('elapsedTimePaused'));
      pause.textContent = running ? t('pause') : t('resume');
      pause.setAttribute('aria-label', running ? t('pauseTimer') : t('resumeTimer'));
      for (const b of [pause, stop, discard]) setDisabled(b, timers.busy);
      if (running && !tick) tick = setInterval(update, 1000);
    }
    if ((!here || here.runningSince === null) && tick) tick = void clearInterval(tick);
    const away = tracking && here?.idle;
    fill(idle, JSON.stringify([away, timers.busy]), () => {
      if (!away) return [];
      const answer = (name: string, action: TimerAction) => button(name, () => run(action), { disabled: timers.busy });
      return [
        el(
          'div',
          { role: 'alert', class: 'tk-question' },
          plural('awayWhileRunning', Math.round((away.to - away.from) / 60_000), timeOfDay(away.from), timeOfDay(away.to)) + ' ',
          answer(t('keepIdleTime'), 'keepIdle'),
          ' ',
          answer(t('discardIdleTime'), 'discardIdle'),
        ),
      ];
    });
    readOnlyNote.hidden = !readOnly;
    readOnlyNote.textContent = readOnly ? t('readOnly', readOnly) : '';
    forms.hidden = !view || !open;

    const failure = error ?? timers.error ?? (formsFailed ? t('formsFailed') : null);
    // The background's last word, where it is about this item (or about nothing in particular).
    const about = timers.state?.noticeAbout;
    const status = done ?? (!about?.length || about.some(same) ? timers.state?.notice : null);
    const attention = (timers.state?.outbox ?? []).filter((log) => log.status === 'needs-attention' && same(log.item));
    fill(messages, JSON.stringify([timers.question, failure, attention.map((log) => [log.id, log.lastError]), status]), () => [
      timers.question && el('p', { role: 'alert', class: 'tk-question' }, timers.question),
      failure && el('p', { role: 'alert', class: 'tk-error' }, failure),
      ...attention.map((log) => el('p', { role: 'alert', class: 'tk-error' }, log.lastError ?? t('timeLogNotSent'))),
      status && !failure && el('p', { role: 'status', class: 'tk-note' }, status),
    ]);
  };

  container.append(section);
  const stops = [issueStore.subscribe(update), timerStore.subscribe(update)];
  update();
  void timerStore.getState().load();
  return () => {
    for (const stopListening of stops) stopListening();
    clearInterval(tick);
    section.remove();
  };
}
