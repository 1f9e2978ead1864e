// @vitest-environment node
/**
 * The background's front door: `route` checks every message's sender and payload against
 * lib/model/protocol.ts before its handler runs. Two connected GitLabs (stand-ins with different
 * tokens), messages forged as if from elsewhere: every message is refused from every sender the
 * protocol does not list for it, and with every wrong shape; a refusal changes nothing and sends
 * nothing anywhere. A content script acts only on items of the GitLab its tab is on.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { WxtBrowser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import { startStandIn, type StandIn } from '../../tests/fake-gitlab/server';
import { stubBackgroundApis } from '../../tests/support/fake-background';
import { protocol, type InputOf, type MessageName, type SenderKind } from '../model/protocol';
import { DEFAULT_SETTINGS, outboxItem, timerItem } from '../model/storage';
import { accessRemoved, connect } from './connections';
import type { BackgroundDeps } from './deps';
import { handlers, route } from './routes';
import { parsePayload, REFUSED } from './senders';
import * as timer from './timer';

let home: StandIn;
let away: StandIn;
let clock = Date.UTC(2026, 10, 24, 9, 0);
const tab = { id: 7, index: 0, highlighted: false, active: true, pinned: false, incognito: false };
const MESSAGES = Object.keys(protocol) as MessageName[];

function deps(): BackgroundDeps {
  return { browser: fakeBrowser as unknown as WxtBrowser, now: () => clock, mono: () => clock, fetch: (...a) => fetch(...a) };
}
const ask = <K extends MessageName>(name: K, data: unknown, sender: Runtime.MessageSender) => route(deps(), handlers(deps()), name, data, sender);

const contentScriptOn = (url: string, frameId = 0): Runtime.MessageSender => ({ id: fakeBrowser.runtime.id, url, tab: { ...tab, url }, frameId });
const extensionPage = (): Runtime.MessageSender => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') });
const onHome = () => contentScriptOn(`${home.url}/acme/web/-/issues/1`);
const onAway = () => contentScriptOn(`${away.url}/acme/web/-/issues/1`);
/** Our script on gitlab.com, which is not connected here. */
const unconnected = () => contentScriptOn('https://gitlab.com/acme/web/-/issues/1');

/** One sender of each kind the protocol knows. */
const senderOfKind = (kind: SenderKind): Runtime.MessageSender => (kind === 'page' ? extensionPage() : kind === 'content' ? onHome() : unconnected());

/** Senders that are nobody we talk to. */
const forged = (): Array<[string, Runtime.MessageSender]> => [
  ['another extension’s page', { id: 'another-extension', url: 'chrome-extension://another-extension/options.html' }],
  ['another extension’s script on a connected GitLab', { ...onHome(), id: 'another-extension' }],
  ['our id on a page of an unknown origin', contentScriptOn('https://evil.example/acme/web/-/issues/1')],
  ['a look-alike host', contentScriptOn(`${home.url.replace('127.0.0.1', '127.0.0.1.nip.io')}/acme/web/-/issues/1`)],
  ['a frame of another origin inside a GitLab tab', { ...onHome(), url: 'https://evil.example/frame.html' }],
  ['the connected origin outside its sub-path', contentScriptOn(`${away.origin}/acme/web/-/issues/1`)],
  ['a GitLab URL without a tab', { id: fakeBrowser.runtime.id, url: `${home.url}/acme/web/-/issues/1` }],
  ['no URL at all', { id: fakeBrowser.runtime.id }],
  ['a data URL frame', contentScriptOn('data:text/html,<p>hi</p>')],
];

const pageRef = { projectPath: 'acme/web', kind: 'issue' as const, iid: 1 };
/** A target as a sender of `kind` names an item: a page by its page (its GitLab is the tab's), an extension page with the GitLab. */
const targetFor = (kind: SenderKind) => (kind === 'page' ? { item: { instanceId: home.url, ...pageRef } } : { page: pageRef });

/** A well-formed payload of every message (the compiler checks that none is missing), as a sender of `kind` would send it. */
function validPayload(kind: SenderKind): { [K in MessageName]: InputOf<K> } {
  const target = targetFor(kind);
  const url = kind === 'unconnected' ? 'https://gitlab.com/acme/web/-/issues/1' : `${home.url}/acme/web/-/issues/1`;
  return {
    openItemWidget: { url },
    listPage: { url },
    listTimes: { items: [pageRef] },
    openWidgetForms: undefined,
    itemAt: { url },
    openConnectPage: undefined,
    itemView: pageRef,
    setEstimate: { target, seconds: 3600 },
    resetEstimate: { target },
    resetSpentTime: { target },
    addTodo: { target },
    logTime: { target, seconds: 1800, summary: 'Review' },
    getState: undefined,
    startTimer: { target },
    pauseTimer: undefined,
    resumeTimer: undefined,
    stopTimer: undefined,
    discardTimer: undefined,
    keepIdle: undefined,
    discardIdle: undefined,
    retryLog: { id: 'log-1' },
    discardLog: { id: 'log-1' },
    sendPendingNow: undefined,
    getSettings: undefined,
    saveSettings: { ...DEFAULT_SETTINGS, roundTo: 15 },
    listInstances: undefined,
    connectInstance: { baseUrl: home.url, token: home.token },
    disconnectInstance: { baseUrl: home.url },
    beginSignIn: { baseUrl: home.url, clientId: home.oauthClientId },
    finishSignIn: { redirectUrl: 'https://extension-id.chromiumapp.org/?code=abc&state=xyz' },
    restoreAccess: { baseUrl: home.url },
    assignedIssues: { refresh: true },
    todos: { refresh: true },
    myMergeRequests: { refresh: false },
    markTodoDone: { instanceId: home.url, id: 1 },
    timesheetWeek: { start: Date.UTC(2026, 10, 23), end: Date.UTC(2026, 10, 30), mode: 'cache' },
    deleteTimelog: { instanceId: home.url, id: 'gid://gitlab/Timelog/1' },
    replaceTimelog: { id: 'gid://gitlab/Timelog/1', item: { instanceId: home.url, ...pageRef }, seconds: 1800, spentAt: Date.UTC(2026, 10, 20, 12) },
  };
}

/** Everything a message could change or send: requests to both GitLabs, storage, tabs, scripts. */
async function snapshot() {
  return {
    home: home.requests.length,
    away: away.requests.length,
    local: JSON.stringify(await fakeBrowser.storage.local.get(null)),
    session: JSON.stringify(await fakeBrowser.storage.session.get(null)),
    tabsCreated: vi.mocked(fakeBrowser.tabs.create).mock.calls.length,
    scripts: vi.mocked(fakeBrowser.scripting.executeScript).mock.calls.length,
  };
}

beforeAll(async () => {
  home = await startStandIn();
  away = await startStandIn({ basePath: '/gitlab', token: 'glpat-away-token-0123456789' });
});
afterAll(async () => {
  await home.close();
  await away.close();
});
beforeEach(async () => {
  fakeBrowser.reset();
  home.reset();
  away.reset();
  clock = Date.UTC(2026, 10, 24, 9, 0);
  stubBackgroundApis();
  Object.assign(fakeBrowser.tabs, { create: vi.fn(async () => ({ id: 8 })) });
  Object.assign(fakeBrowser, { identity: { getRedirectURL: () => 'https://extension-id.chromiumapp.org/' } });
  expect((await connect(deps(), { baseUrl: home.url, token: home.token })).ok).toBe(true);
  expect((await connect(deps(), { baseUrl: away.url, token: away.token })).ok).toBe(true);
  // A timer runs and a log waits, so that a message getting through would have something to change.
  await timer.start(deps(), { instanceId: home.url, ...pageRef }, null);
  await outboxItem.setValue([
    { id: 'log-1', item: { instanceId: home.url, ...pageRef }, seconds: 600, spentAt: clock, createdAt: clock, attempts: 1, nextAttemptAt: clock, status: 'needs-attention', lastError: 'Refused.' },
  ]);
  clock += 20 * 60_000;
});

describe('the table', () => {
  it('has one handler per message of the protocol, and none else', () => {
    expect(Object.keys(handlers(deps())).sort()).toEqual([...MESSAGES].sort());
  });

  it.each(['page', 'content', 'unconnected'] as const)('the well-formed payloads used below are well-formed (%s)', (kind) => {
    const payloads = validPayload(kind);
    for (const name of MESSAGES) expect(parsePayload(protocol[name].input, payloads[name]), name).toMatchObject({ ok: true });
  });
});

describe('every message is refused from a sender the protocol does not list for it, and changes nothing', () => {
  it.each(MESSAGES)('%s', async (name) => {
    const allowed = protocol[name].from as readonly SenderKind[];
    const wrongKinds = (['page', 'content', 'unconnected'] as const).filter((k) => !allowed.includes(k));
    const senders: Array<[string, Runtime.MessageSender, SenderKind]> = [
      ...wrongKinds.map((k): [string, Runtime.MessageSender, SenderKind] => [`a ${k} sender`, senderOfKind(k), k]),
      ...forged().map(([why, sender]): [string, Runtime.MessageSender, SenderKind] => [why, sender, allowed[0]!]),
    ];
    const before = await snapshot();
    for (const [why, sender, kind] of senders) {
      expect(await ask(name, validPayload(kind)[name], sender), `${name} from ${why}`).toEqual({ ok: false, error: REFUSED, code: 'refused' });
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('every message is refused with a wrong shape, before anything happens', () => {
  it.each(MESSAGES)('%s', async (name) => {
    const kind = (protocol[name].from as readonly SenderKind[])[0]!;
    const sender = senderOfKind(kind);
    const valid = validPayload(kind)[name] as unknown;
    const wrong: unknown[] = [{ junk: true }, 'acme/web#1', ['acme/web', 1], 42, true];
    // A well-formed payload with something smuggled beside it.
    if (valid && typeof valid === 'object') wrong.push({ ...valid, 'PRIVATE-TOKEN': 'glpat-smuggled' }, { ...valid, instance: away.url });
    const before = await snapshot();
    for (const data of wrong) {
      const answer = await ask(name, data, sender);
      expect(answer, `${name} with ${JSON.stringify(data)}`).toMatchObject({ ok: false, code: 'refused', error: expect.any(String) });
      // The sender was fine: the refusal is about the payload, and never echoes it.
      if (!answer.ok) {
        expect(answer.error).not.toBe(REFUSED);
        expect(answer.error).not.toContain('glpat-smuggled');
      }
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('every message gets past the door from a sender it allows, with a well-formed payload', () => {
  // The checks above would pass for a door that refuses everything: this one shows they can fail.
  it.each(MESSAGES.flatMap((name) => (protocol[name].from as readonly SenderKind[]).map((kind) => [name, kind] as const)))('%s from %s', async (name, kind) => {
    const answer = await ask(name, validPayload(kind)[name], senderOfKind(kind));
    if (!answer.ok) expect(answer.error).not.toBe(REFUSED);
  });
});

describe('a content script acts only on its own GitLab', () => {
  const writes = (standIn: StandIn) => standIn.requests.filter((r) => r.method === 'POST');

  it('naming another instance’s item is refused, and nothing reaches either GitLab', async () => {
    const target = { item: { instanceId: away.url, ...pageRef } };
    expect(await ask('setEstimate', { target, seconds: 3600 }, onHome())).toEqual({ ok: false, error: REFUSED, code: 'refused' });
    expect(await ask('addTodo', { target }, onHome())).toEqual({ ok: false, error: REFUSED, code: 'refused' });
    expect(await ask('logTime', { target, seconds: 3600 }, onHome())).toEqual({ ok: false, error: REFUSED, code: 'refused' });
    expect(await ask('startTimer', { target }, onHome())).toEqual({ ok: false, error: REFUSED, code: 'refused' });
    expect(writes(home)).toEqual([]);
    expect(writes(away)).toEqual([]);
    expect((await timerItem.getValue())?.item.instanceId).toBe(home.url);
  });

  it('an instance smuggled into a page target is malformed', async () => {
    const result = await ask('setEstimate', { target: { page: { ...pageRef, instanceId: away.url } }, seconds: 3600 }, onHome());
    expect(result).toMatchObject({ ok: false, code: 'refused' });
    expect(writes(home)).toEqual([]);
    expect(writes(away)).toEqual([]);
  });

  it('a page target acts on the tab’s own GitLab, with its own token (also under a sub-path)', async () => {
    expect(await ask('setEstimate', { target: { page: pageRef }, seconds: 7200 }, onHome())).toMatchObject({ ok: true, timeStats: { time_estimate: 7200 } });
    expect(writes(home).map((r) => r.authToken)).toEqual([home.token]);
    expect(writes(away)).toEqual([]);
    expect(await ask('setEstimate', { target: { page: pageRef }, seconds: 3600 }, onAway())).toMatchObject({ ok: true, timeStats: { time_estimate: 3600 } });
    expect(writes(away).map((r) => [r.path, r.authToken])).toEqual([['/api/v4/projects/acme%2Fweb/issues/1/time_estimate', away.token]]);
    expect(home.issue('acme/web', 1)?.time_stats.time_estimate).toBe(7200);
  });

  it('the item view reads the tab’s own GitLab', async () => {
    const before = home.requests.length;
    expect(await ask('itemView', pageRef, onAway())).toMatchObject({ ok: true, instance: { baseUrl: away.url } });
    expect(home.requests.length).toBe(before);
    expect(away.requests.at(-1)?.authToken).toBe(away.token);
  });

  it('a GitLab whose page access was removed is disconnected: its pages are refused', async () => {
    Object.assign(fakeBrowser.permissions, { contains: vi.fn(async () => false) });
    await accessRemoved(deps(), { origins: ['http://127.0.0.1/*'] });
    expect(await ask('setEstimate', { target: { page: pageRef }, seconds: 7200 }, onHome())).toEqual({ ok: false, error: REFUSED, code: 'refused' });
    expect(await ask('getState', undefined, onHome())).toEqual({ ok: false, error: REFUSED, code: 'refused' });
    expect(writes(home)).toEqual([]);
  });

  it('the timer running on one GitLab is out of reach of another GitLab’s pages, and out of their sight', async () => {
    for (const name of ['pauseTimer', 'resumeTimer', 'stopTimer', 'discardTimer', 'keepIdle', 'discardIdle'] as const) {
      expect(await ask(name, undefined, onAway()), name).toEqual({ ok: false, error: REFUSED, code: 'refused' });
    }
    expect(await timerItem.getValue()).toMatchObject({ item: { instanceId: home.url }, runningSince: expect.any(Number) });
    expect(await ask('getState', undefined, onAway())).toEqual({ ok: true, state: { timer: null, outbox: [], notice: null } });
    // Its own GitLab's page sees it, and may pause it.
    expect(await ask('getState', undefined, onHome())).toMatchObject({ ok: true, state: { timer: { item: { instanceId: home.url } }, outbox: [{ id: 'log-1' }] } });
    expect(await ask('pauseTimer', undefined, onHome())).toMatchObject({ ok: true, state: { timer: { runningSince: null } } });
  });

  it('the popup may name any connected instance, not an unknown one', async () => {
    const target = (instanceId: string) => ({ target: { item: { instanceId, ...pageRef } } });
    expect(await ask('addTodo', target(away.url), extensionPage())).toMatchObject({ ok: true });
    expect(await ask('addTodo', target('https://unknown.example'), extensionPage())).toMatchObject({ ok: false, code: 'not-connected' });
    expect(writes(away).map((r) => r.authToken)).toEqual([away.token]);
  });
});
