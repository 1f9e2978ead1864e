/**
 * What the Timesheet page asks of the rest of the extension (a fake one in tests): the week's
 * logs from the background, deleting and adding a log, the connected GitLabs, and the browser's
 * download and clipboard. Not part of the pure model: this file talks to the background.
 */
import { backgroundMessenger, type LogOutcome } from '../model/protocol';
import type { Instance } from '../model/storage';
import type { InstanceWeek, WeekRange } from '../model/timesheet';
import { TIMESHEET_SNAPSHOT_KEY } from '../model/timesheet';
import type { ItemRef } from './reference';
import { dayTargetSeconds } from './week';

export type Answer<T = object> = ({ ok: true } & T) | { ok: false; error: string };

export interface WeekAnswer {
  weeks: InstanceWeek[];
  /** When the oldest figures in it came from GitLab (epoch ms); null: none ever did. */
  cachedAt: number | null;
}

export interface TimesheetApi {
  listInstances(): Promise<Instance[]>;
  week(range: WeekRange, mode: 'cache' | 'fresh' | 'recent'): Promise<Answer<WeekAnswer>>;
  deleteTimelog(instanceId: string, id: string): Promise<Answer>;
  /** Through the outbox, like a stopped timer: `spentAt` is the day the work was done. */
  logTime(ref: ItemRef, seconds: number, summary: string, spentAt: number): Promise<Answer<{ log: LogOutcome }>>;
  /** A new log (through the outbox) that replaces the time log `id`, deleted once the new one landed. */
  replaceTimelog(id: string, ref: ItemRef, seconds: number, summary: string, spentAt: number): Promise<Answer<{ log: LogOutcome }>>;
  /** The chart's daily target in seconds, a setting of the options page (8h when unset). */
  dayTarget?(): Promise<number>;
  download(fileName: string, text: string, type: string): void;
  copyText(text: string): Promise<void>;
}

export function createTimesheetApi(messenger = backgroundMessenger): TimesheetApi {
  return {
    listInstances: async () => {
      const answer = await messenger.sendMessage('listInstances', undefined);
      return answer.ok ? answer.instances : [];
    },
    week: (range, mode) => messenger.sendMessage('timesheetWeek', { ...range, mode }),
    dayTarget: async () => {
      const answer = await messenger.sendMessage('getSettings', undefined);
      // A value not (yet) migrated or out of bounds gives the default.
      return dayTargetSeconds(answer.ok ? answer.settings.dayTargetSeconds : undefined);
    },
    deleteTimelog: (instanceId, id) => messenger.sendMessage('deleteTimelog', { instanceId, id }),
    logTime: (ref, seconds, summary, spentAt) =>
      messenger.sendMessage('logTime', {
        target: { item: { instanceId: ref.instanceId, projectPath: ref.projectPath, kind: ref.kind, iid: ref.iid } },
        seconds,
        ...(summary ? { summary } : {}),
        spentAt,
      }),
    replaceTimelog: (id, ref, seconds, summary, spentAt) =>
      messenger.sendMessage('replaceTimelog', {
        id,
        item: { instanceId: ref.instanceId, projectPath: ref.projectPath, kind: ref.kind, iid: ref.iid },
        seconds,
        ...(summary ? { summary } : {}),
        spentAt,
      }),
    download: (fileName, text, type) => {
      const url = URL.createObjectURL(new Blob([text], { type }));
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    copyText: (text) => navigator.clipboard.writeText(text),
  };
}

/** The page keeps the last answer per week in the extension pages' localStorage, to paint it in the first frame. */
const SNAPSHOT_KEY = TIMESHEET_SNAPSHOT_KEY;

export function readSnapshot(key: string, area: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): WeekAnswer | null {
  try {
    const all = JSON.parse(area?.getItem(SNAPSHOT_KEY) ?? 'null') as Record<string, WeekAnswer> | null;
    const found = all?.[key];
    return found && Array.isArray(found.weeks) ? found : null;
  } catch {
    return null;
  }
}

/** Keeps the four latest weeks' answers. */
export function writeSnapshot(key: string, answer: WeekAnswer, area: Pick<Storage, 'getItem' | 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    const all = (JSON.parse(area?.getItem(SNAPSHOT_KEY) ?? 'null') as Record<string, WeekAnswer> | null) ?? {};
    delete all[key];
    const kept = Object.entries(all).slice(-3);
    area?.setItem(SNAPSHOT_KEY, JSON.stringify(Object.fromEntries([...kept, [key, answer]])));
  } catch {
    // Full or unavailable: the page still paints once the background answers.
  }
}
