/**
 * Every GitLab era the seed documents describe, end to end in Chromium: the stand-in plays the
 * era (its API prefix and version, v3 paths by global id, its page shape and URLs), the
 * extension connects through the options page, detects the API, and then the widget shows the
 * issue's numbers, logs time, sets the estimate and adds a to-do, and the popup lists the
 * assigned issues. Results go to tests/compat/results/ for the README's compatibility table.
 */
import type { Page } from '@playwright/test';
import { test, expect } from '@playwright/test';
import { openMore } from './fixtures';
import { ERAS, type EraName, type StandIn } from '../../fake-gitlab/server';
import { recorder } from '../../compat/record';
import { connectViaOptions, launchChromium, startGitLabComStandIn, type ExtensionBrowser } from '../support/chromium';
import { popupListRequests } from '../support/popup-list';

const GITLAB = 'https://gitlab.com';
const widgetOf = (page: Page) => page.getByRole('region', { name: 'Time tracking' });

const ERA_LIST: EraName[] = ['8.12', 'gitswarm', '8.16', '10.x', '16.x', '17.x'];

for (const name of ERA_LIST) {
  const era = ERAS[name];
  test(`GitLab ${name} (API ${era.apis.join('+')}): connect, widget, log time, estimate, to-do, merge requests, popup`, async () => {
    const standIn: StandIn = await startGitLabComStandIn({ era: name, assignedIssueCount: 6 });
    let browser: ExtensionBrowser | null = null;
    const api = era.apis.includes('v4') ? 'v4' : 'v3';
    const rec = recorder('chromium', name, era.version, api);
    const prefix = `/api/${api}`;
    try {
      browser = await launchChromium({ standInPort: standIn.port });
      const page = await browser.context.newPage();

      await rec.step('connect', async () => {
        await connectViaOptions(page, browser!.extensionId, GITLAB, standIn.token);
        await expect(page.getByText(`Connected as @${standIn.user.username}`).first()).toBeVisible();
        const probes = standIn.requests.filter((r) => /\/version$|\/user$/.test(r.path)).map((r) => `${r.path} ${r.status}`);
        rec.note(`detection: ${probes.join(', ')}`);
        expect(standIn.requests.some((r) => r.path === `${prefix}/user` && r.status === 200)).toBe(true);
      });

      const issueUrl = `${GITLAB}/acme/web${era.oldIssueUrls ? '' : '/-'}/issues/1`;
      await page.goto(issueUrl);
      await openMore(page);
      const widget = widgetOf(page);

      if (!era.timeTracking) {
        await rec.step('widget', async () => {
          await expect(widget).toContainText('Time tracking needs GitLab 8.16 or newer on this server');
          await expect(widget.getByRole('alert')).toHaveCount(0);
          // Nothing was asked of time tracking routes this server does not have.
          expect(standIn.requests.filter((r) => r.path.includes('time_'))).toEqual([]);
        });
        rec.notApplicable('logTime', 'no time tracking before 8.16');
        rec.notApplicable('setEstimate', 'no time tracking before 8.16');
      } else {
        await rec.step('widget', async () => {
          await expect(widget).toContainText('Spent 1h 30m');
          await expect(widget).toContainText('Estimate 3h 30m');
        });
        await rec.step('logTime', async () => {
          await widget.getByRole('textbox', { name: 'Time spent' }).fill('30m');
          await widget.getByRole('textbox', { name: 'Summary' }).fill('Era check');
          await widget.getByRole('button', { name: 'Log time' }).click();
          await expect(widget).toContainText('Spent 2h');
          await expect.poll(() => standIn.issue('acme/web', 1)?.totalTimeSpent).toBe(7200);
          const logs = standIn.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/add_spent_time'));
          // v3 paths carry the global id (1001); v4 the iid. `summary` only where the server takes it.
          expect(logs.at(-1)?.path).toBe(api === 'v3' ? `${prefix}/projects/acme%2Fweb/issues/1001/add_spent_time` : `${prefix}/projects/acme%2Fweb/issues/1/add_spent_time`);
          const sentSummary = logs.at(-1)?.body.summary !== undefined;
          expect(sentSummary).toBe(era.timelogSummary);
          rec.note(`log time: POST ${logs.at(-1)?.path} ${sentSummary ? 'with' : 'without'} summary`);
        });
        await rec.step('setEstimate', async () => {
          await widget.getByRole('textbox', { name: 'Estimate' }).fill('4h');
          await widget.getByRole('button', { name: 'Set estimate', exact: true }).click();
          await expect(widget).toContainText('Estimate 4h');
          expect(standIn.issue('acme/web', 1)?.timeEstimate).toBe(14400);
        });
      }

      await rec.step('todo', async () => {
        await widget.getByRole('button', { name: 'Add a to-do' }).click();
        await expect(widget).toContainText('To-do added');
        expect(standIn.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/todo')).map((r) => r.status)).toEqual([era.todoCreatedStatus]);
      });

      const mrUrl = `${GITLAB}/acme/web${era.oldIssueUrls ? '' : '/-'}/merge_requests/1`;
      if (!era.timeTracking) {
        rec.notApplicable('mrWidget', 'no time tracking before 8.16');
        rec.notApplicable('mrLogTime', 'no time tracking before 8.16');
      } else {
        await page.goto(mrUrl);
        await rec.step('mrWidget', async () => {
          await expect(widget).toContainText('acme/web!1');
          await expect(widget).toContainText('Spent 1h');
        });
        await rec.step('mrLogTime', async () => {
          const issueBefore = standIn.issue('acme/web', 1)?.totalTimeSpent;
          await openMore(page);
          await widget.getByRole('textbox', { name: 'Time spent' }).fill('15m');
          await widget.getByRole('button', { name: 'Log time' }).click();
          await expect(widget).toContainText('Spent 1h 15m');
          await expect.poll(() => standIn.mergeRequest('acme/web', 1)?.totalTimeSpent).toBe(4500);
          expect(standIn.issue('acme/web', 1)?.totalTimeSpent).toBe(issueBefore);
          const logs = standIn.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/add_spent_time'));
          // v3 by the merge request's global id (11001), v4 by its iid.
          expect(logs.at(-1)?.path).toBe(api === 'v3' ? `${prefix}/projects/acme%2Fweb/merge_requests/11001/add_spent_time` : `${prefix}/projects/acme%2Fweb/merge_requests/1/add_spent_time`);
          rec.note(`merge request log time: POST ${logs.at(-1)?.path}`);
        });
      }

      if (api === 'v3') {
        // No `GET /merge_requests` before 9.5: the popup says so in words instead of listing nothing.
        const popup = await browser!.context.newPage();
        await popup.goto(`chrome-extension://${browser!.extensionId}/popup.html`);
        await expect(popup.getByRole('region', { name: /^Merge requests/ })).toContainText('cannot list your merge requests (before 9.5)');
        await popup.close();
        rec.notApplicable('mrPopup', 'GitLab lists merge requests from 9.5 on');
      } else {
        await rec.step('mrPopup', async () => {
          const popup = await browser!.context.newPage();
          await popup.goto(`chrome-extension://${browser!.extensionId}/popup.html`);
          const list = popup.getByRole('list', { name: 'Merge requests' });
          await expect(list.getByRole('listitem', { name: 'Add rate limiting to the login endpoint acme/web!1' })).toBeVisible();
          const listed = standIn.requests.filter((r) => r.method === 'GET' && /\/merge_requests$/.test(r.path)).map((r) => `${r.path}?${new URLSearchParams(r.query)}`);
          // 15.6+: with the issues, over GraphQL (lib/gitlab/client.ts, listMyWork).
          const rest = [...new Set(listed.map((l) => l.replace(/&?(per_page|page)=\d+/g, '')))].sort().slice(0, 3).join(', ');
          rec.note(`merge requests: ${popupListRequests(standIn).length ? 'POST /api/graphql PopupLists (currentUser.assignedMergeRequests, reviewRequestedMergeRequests)' : rest}`);
          await popup.close();
        });
      }

      await rec.step('popup', async () => {
        const popup = await browser!.context.newPage();
        await popup.goto(`chrome-extension://${browser!.extensionId}/popup.html`);
        const list = popup.getByRole('list', { name: 'Assigned issues' });
        await expect(list.getByRole('listitem', { name: /Fix login redirect loop/ })).toBeVisible();
        await expect(list.getByRole('listitem', { name: /Rotate TLS certificates/ })).toBeVisible();
        const listed = standIn.requests.filter((r) => r.method === 'GET' && /\/issues$/.test(r.path) && r.query.state).map((r) => `${r.path}?${new URLSearchParams(r.query)}`);
        const rest = [...new Set(listed.map((l) => l.replace(/&?(per_page|page)=\d+/g, '')))].sort().slice(0, 3).join(', ');
        rec.note(`assigned issues: ${popupListRequests(standIn).length && !listed.length ? 'POST /api/graphql PopupLists (issues(assigneeUsernames, state: opened))' : rest}`);
      });
    } finally {
      await browser?.context.close();
      await standIn.close();
    }
  });
}
