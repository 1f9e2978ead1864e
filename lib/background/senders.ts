/**
 * Who may ask the background for what. Every message is checked twice before anything happens:
 * its sender (an extension page of ours, or our content script in a tab on a connected GitLab)
 * and its payload's shape. Anything else is refused, and refusal never reveals a token.
 */
import * as v from 'valibot';
import type { Runtime } from 'webextension-polyfill';
import { instanceBaseFromUrl } from '../gitlab/page';

export type SenderKind =
  | { kind: 'extension-page'; url: string }
  | { kind: 'content-script'; instanceId: string; tabId: number; url: string };

export interface GuardEnv {
  extensionId: string;
  /** The extension's own origin with trailing slash, e.g. `chrome-extension://abc/`. */
  extensionBaseUrl: string;
  connectedBaseUrls: string[];
}

/** Classifies a sender, or returns null when it is nobody we talk to. */
export function classifySender(sender: Runtime.MessageSender, env: GuardEnv): SenderKind | null {
  if (sender.id !== env.extensionId) return null;
  const url = sender.url ?? sender.tab?.url;
  if (!url) return null;
  if (url.startsWith(env.extensionBaseUrl)) return { kind: 'extension-page', url };
  // Anything else must be our content script, in a tab, on a GitLab the user connected.
  if (!sender.tab || typeof sender.tab.id !== 'number') return null;
  const instanceId = instanceBaseFromUrl(url, env.connectedBaseUrls);
  if (!instanceId) return null;
  return { kind: 'content-script', instanceId, tabId: sender.tab.id, url };
}

const fullPath = v.pipe(
  v.string(),
  v.minLength(3),
  v.maxLength(512),
  // group/project, nested groups allowed; GitLab path characters only, and no `.` / `..` segment.
  v.regex(/^(?!\.+(\/|$))[A-Za-z0-9_.][A-Za-z0-9_.-]*(\/(?!\.+(\/|$))[A-Za-z0-9_.][A-Za-z0-9_.-]*)+$/),
);
const iid = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2 ** 31 - 1));
const title = v.optional(v.pipe(v.string(), v.maxLength(1024)));
const baseUrl = v.pipe(v.string(), v.maxLength(2048), v.regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/));

export const PageIssueSchema = v.strictObject({ projectPath: fullPath, iid, title, fresh: v.optional(v.literal(true)) });

export const IssueKeySchema = v.strictObject({
  instanceId: baseUrl,
  projectPath: fullPath,
  iid,
  title,
  webUrl: v.optional(v.pipe(v.string(), v.maxLength(4096), v.url())),
});

export const StartTimerSchema = v.union([v.strictObject({ page: PageIssueSchema }), v.strictObject({ issue: IssueKeySchema })]);

export const IssueTargetSchema = v.union([v.strictObject({ page: PageIssueSchema }), v.strictObject({ issue: IssueKeySchema })]);

export const LogTimeSchema = v.strictObject({
  target: IssueTargetSchema,
  duration: v.pipe(v.string(), v.maxLength(64, 'That duration is too long. Use something like 1h 30m.')),
  summary: v.optional(v.pipe(v.string(), v.maxLength(255, 'A summary can be at most 255 characters.'))),
  spentAt: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(Date.UTC(2000, 0, 1), 'That date is too long ago.'))),
});

export const LogIdSchema = v.strictObject({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) });

export const SettingsSchema = v.strictObject({
  roundTo: v.picklist([1, 5, 15]),
  roundMode: v.picklist(['nearest', 'up']),
  onSwitch: v.picklist(['stop', 'pause']),
  idleMinutes: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(240)),
  longTimerHours: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(72)),
});

export const ConnectSchema = v.strictObject({
  baseUrl,
  token: v.pipe(v.string(), v.minLength(1, 'Enter an access token.'), v.maxLength(1024), v.regex(/^[\x21-\x7e]+$/, 'The access token contains spaces or characters a GitLab token never has.')),
});

export const DisconnectSchema = v.strictObject({ baseUrl });

export const BeginSignInSchema = v.strictObject({
  baseUrl,
  clientId: v.pipe(
    v.string(),
    v.minLength(1, 'Enter the application ID GitLab showed when you added the application.'),
    v.maxLength(256),
    v.regex(/^[\x21-\x7e]+$/, 'The application ID contains spaces or characters GitLab never puts in one.'),
  ),
});

export const FinishSignInSchema = v.strictObject({ redirectUrl: v.pipe(v.string(), v.maxLength(8192), v.url()) });

export const RefreshSchema = v.strictObject({ refresh: v.boolean() });

export const NoPayloadSchema = v.union([v.undefined(), v.null()]);

export function parsePayload<S extends v.GenericSchema>(schema: S, data: unknown): { ok: true; value: v.InferOutput<S> } | { ok: false; error: string } {
  const result = v.safeParse(schema, data);
  if (result.success) return { ok: true, value: result.output };
  const first = result.issues[0];
  return { ok: false, error: first?.message && !first.message.startsWith('Invalid') ? first.message : 'The request was malformed and was refused.' };
}
