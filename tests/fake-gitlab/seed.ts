// Seed data for the GitLab stand-in. Everything is derived from a fixed PRNG seed and
// fixed dates so every run (and every screenshot) sees the same issues.

import { mulberry32 } from '../support/random';

export interface StandInUser {
  id: number;
  username: string;
  name: string;
  email: string;
}

export interface StandInNamespace {
  id: number;
  name: string;
  /** Last path segment. */
  path: string;
  fullPath: string;
}

/** GitLab access levels: Guest 10, Reporter 20, Developer 30, Maintainer 40, Owner 50. */
export type AccessLevel = 10 | 20 | 30 | 40 | 50;

export interface StandInProject {
  id: number;
  name: string;
  /** Last path segment. */
  path: string;
  fullPath: string;
  description: string;
  namespace: StandInNamespace;
  /** Which page template the issue page renders with. */
  pageStyle: 'work-items' | 'legacy';
  accessLevel: AccessLevel;
  /** Archived: readable, but GitLab refuses every change to its issues (403). */
  archived?: boolean;
  createdAt: string;
  /** Other users' access levels here (user id -> level); `accessLevel` is the demo user's. */
  members?: Readonly<Record<number, AccessLevel>>;
}

export interface StandInMilestone {
  id: number;
  iid: number;
  projectId: number;
  title: string;
  dueDate: string | null;
}

export interface IssueRecord {
  /** Global id: projectId * 1000 + iid. */
  id: number;
  iid: number;
  projectId: number;
  title: string;
  description: string;
  state: 'opened' | 'closed';
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  labels: string[];
  milestone: StandInMilestone | null;
  authorId: number;
  assigneeIds: number[];
  dueDate: string | null;
  /** Seconds. */
  timeEstimate: number;
  /** Seconds. */
  totalTimeSpent: number;
  userNotesCount: number;
}

/**
 * A merge request. Read and written through GraphQL only for now; the fields are the ones REST's
 * merge request JSON needs too, so REST routes can be added on the same records.
 */
export interface MergeRequestRecord {
  /** Global id: 10000 + projectId * 1000 + iid, disjoint from issue ids. */
  id: number;
  iid: number;
  projectId: number;
  title: string;
  description: string;
  state: 'opened' | 'closed' | 'merged';
  createdAt: string;
  updatedAt: string;
  authorId: number;
  assigneeIds: number[];
  reviewerIds: number[];
  sourceBranch: string;
  targetBranch: string;
  /** Seconds. */
  timeEstimate: number;
  /** Seconds. */
  totalTimeSpent: number;
}

/** A note on an issue or merge request; the stand-in only writes system notes (time tracking). */
export interface NoteRecord {
  id: number;
  noteableType: 'Issue' | 'MergeRequest';
  /** The issue's or merge request's global id. */
  noteableId: number;
  authorId: number;
  body: string;
  system: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface StandInTodo {
  id: number;
  /** The target's global id: an issue's, or a merge request's when `targetType` says so. */
  issueId: number;
  targetType?: 'MergeRequest';
  authorId: number;
  actionName: 'assigned' | 'mentioned' | 'build_failed' | 'marked' | 'approval_required' | 'directly_addressed';
  body: string;
  state: 'pending' | 'done';
  createdAt: string;
  updatedAt: string;
}

export interface StandInData {
  /** users[0] is the signed-in user. */
  users: StandInUser[];
  projects: StandInProject[];
  issues: IssueRecord[];
  mergeRequests: MergeRequestRecord[];
  notes: NoteRecord[];
  nextNoteId: number;
  todos: StandInTodo[];
  nextTodoId: number;
}

export type SeedKind = 'demo' | 'empty';

export const DEMO_USER: Readonly<StandInUser> = { id: 1, username: 'demo', name: 'Demo User', email: 'demo@example.com' };

/** The colleague who has a token too (auth.ts): logs and deletes time beside the demo user. */
export const COLLEAGUE_USER: Readonly<StandInUser> = { id: 2, username: 'alex.rivera', name: 'Alex Rivera', email: 'alex.rivera@example.com' };

const OTHER_USERS: readonly StandInUser[] = [
  { ...COLLEAGUE_USER },
  { id: 3, username: 'sam.okafor', name: 'Sam Okafor', email: 'sam.okafor@example.com' },
  { id: 4, username: 'mei.lin', name: 'Mei Lin', email: 'mei.lin@example.com' },
];

const ACME: StandInNamespace = { id: 10, name: 'Acme', path: 'acme', fullPath: 'acme' };
const ACME_PLATFORM: StandInNamespace = { id: 11, name: 'Platform', path: 'platform', fullPath: 'acme/platform' };
const PARTNERS: StandInNamespace = { id: 12, name: 'Partners', path: 'partners', fullPath: 'partners' };

function seedProjects(): StandInProject[] {
  return [
    { id: 1, name: 'Web', path: 'web', fullPath: 'acme/web', description: 'Customer-facing web app.', namespace: ACME, pageStyle: 'work-items', accessLevel: 30, createdAt: '2024-03-04T10:00:00.000Z', members: { 2: 30 } },
    { id: 2, name: 'API', path: 'api', fullPath: 'acme/api', description: 'Public REST API.', namespace: ACME, pageStyle: 'work-items', accessLevel: 30, createdAt: '2024-03-05T10:00:00.000Z', members: { 2: 30 } },
    { id: 3, name: 'Infra', path: 'infra', fullPath: 'acme/platform/infra', description: 'Infrastructure as code.', namespace: ACME_PLATFORM, pageStyle: 'legacy', accessLevel: 40, createdAt: '2024-04-01T10:00:00.000Z', members: { 2: 30 } },
    { id: 4, name: 'Guest Portal', path: 'guest-portal', fullPath: 'partners/guest-portal', description: 'Partner portal; demo is only a Guest here.', namespace: PARTNERS, pageStyle: 'work-items', accessLevel: 10, createdAt: '2024-05-20T10:00:00.000Z', members: { 2: 40 } },
    { id: 5, name: 'Old Site', path: 'old-site', fullPath: 'acme/old-site', description: 'The previous website, archived.', namespace: ACME, pageStyle: 'work-items', accessLevel: 30, createdAt: '2023-02-01T10:00:00.000Z', archived: true, members: { 2: 30 } },
  ];
}

function seedMilestones(): Map<number, StandInMilestone[]> {
  return new Map([
    [1, [
      { id: 101, iid: 1, projectId: 1, title: 'Web 2.4', dueDate: '2025-06-30' },
      { id: 102, iid: 2, projectId: 1, title: 'Web 2.5', dueDate: '2025-07-31' },
    ]],
    [2, [{ id: 201, iid: 1, projectId: 2, title: 'API v3 launch', dueDate: '2025-07-15' }]],
    [3, [{ id: 301, iid: 1, projectId: 3, title: 'Q3 hardening', dueDate: null }]],
  ]);
}

function pick<T>(rng: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function shuffle<T>(rng: () => number, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
  return items;
}

const VERBS = ['Fix', 'Add', 'Refactor', 'Investigate', 'Document', 'Improve', 'Remove', 'Migrate', 'Speed up', 'Test'] as const;
const SUBJECTS = [
  'CSV export of invoices', 'password reset email', 'billing webhook retries', 'search autocomplete',
  'session timeout warning', 'audit log filters', 'avatar upload cropping', 'rate limiter for login',
  'Postgres connection pool', 'feature flag cleanup', 'error page copy', 'mobile navigation drawer',
  'SAML group sync', 'nightly backup job', 'Kubernetes liveness probes', 'OpenAPI schema for /orders',
  'cache headers on assets', 'date picker time zones', 'notification preferences', 'onboarding checklist',
] as const;
const LABELS = ['bug', 'feature', 'frontend', 'backend', 'documentation', 'performance', 'security', 'UX', 'tech debt', 'priority::high', 'priority::low'] as const;

/** Fixed clock for seed timestamps so data is identical on every run. */
const SEED_EPOCH = Date.parse('2025-01-06T09:00:00.000Z');
const SEED_NOW = Date.parse('2025-06-02T12:00:00.000Z');
const HOUR = 3600_000;
const DAY = 24 * HOUR;

const iso = (ms: number): string => new Date(ms).toISOString();
const isoDate = (ms: number): string => iso(ms).slice(0, 10);

type GeneratedKind = 'open-assigned' | 'closed-assigned' | 'open-unassigned';

export const MAX_ASSIGNED_ISSUES = 1500;
/** Generated merge requests go to acme/platform/infra from !100 up; global ids need iids under 1000. */
export const MAX_EXTRA_MERGE_REQUESTS = 800;

export function seedData(kind: SeedKind, assignedIssueCount: number, extraMergeRequests = 0): StandInData {
  if (!Number.isInteger(assignedIssueCount) || assignedIssueCount < 0 || assignedIssueCount > MAX_ASSIGNED_ISSUES) {
    // Global ids are projectId * 1000 + iid, so a project must stay under 1000 issues.
    throw new RangeError(`assignedIssueCount must be an integer from 0 to ${MAX_ASSIGNED_ISSUES}`);
  }
  if (!Number.isInteger(extraMergeRequests) || extraMergeRequests < 0 || extraMergeRequests > MAX_EXTRA_MERGE_REQUESTS) {
    throw new RangeError(`mergeRequestCount must be an integer from 0 to ${MAX_EXTRA_MERGE_REQUESTS}`);
  }
  const data: StandInData = {
    users: [{ ...DEMO_USER }, ...OTHER_USERS.map((u) => ({ ...u }))],
    projects: seedProjects(),
    issues: [],
    mergeRequests: [],
    notes: [],
    nextNoteId: 1,
    todos: [],
    nextTodoId: 1,
  };
  if (kind === 'empty') return data;

  const milestones = seedMilestones();
  const nextIid = new Map<number, number>([[1, 1], [2, 1], [3, 1], [4, 1], [5, 1]]);

  const addIssue = (fields: Omit<IssueRecord, 'id' | 'iid' | 'createdAt' | 'updatedAt' | 'closedAt' | 'userNotesCount'> &
    Partial<Pick<IssueRecord, 'updatedAt' | 'userNotesCount'>>, createdMs: number): IssueRecord => {
    const iid = nextIid.get(fields.projectId) ?? 1;
    if (iid >= 1000) throw new RangeError(`project ${fields.projectId} would exceed 999 issues`);
    nextIid.set(fields.projectId, iid + 1);
    const createdAt = iso(createdMs);
    const issue: IssueRecord = {
      ...fields,
      id: fields.projectId * 1000 + iid,
      iid,
      createdAt,
      updatedAt: fields.updatedAt ?? createdAt,
      closedAt: null,
      userNotesCount: fields.userNotesCount ?? 0,
    };
    data.issues.push(issue);
    return issue;
  };

  // The fixed issues tests and the demo rely on. Their updated_at is the most recent
  // so they head a list ordered by updated_at.
  addIssue({
    projectId: 1, title: 'Fix login redirect loop', state: 'opened',
    description: 'After signing in with SSO, users on Safari bounce between /login and /dashboard until the session cookie expires.',
    labels: ['bug', 'frontend', 'priority::high'], milestone: milestones.get(1)?.[0] ?? null,
    authorId: 2, assigneeIds: [1], dueDate: '2025-06-13',
    timeEstimate: 12600, totalTimeSpent: 5400, updatedAt: iso(SEED_NOW - 1 * HOUR), userNotesCount: 4,
  }, SEED_EPOCH);
  addIssue({
    projectId: 1, title: 'Add dark mode to settings', state: 'opened',
    description: 'Offer a light / dark / system theme switch on the settings page.',
    labels: ['feature', 'UX'], milestone: milestones.get(1)?.[1] ?? null,
    authorId: 3, assigneeIds: [1], dueDate: null,
    timeEstimate: 0, totalTimeSpent: 0, updatedAt: iso(SEED_NOW - 2 * HOUR), userNotesCount: 1,
  }, SEED_EPOCH + 3 * HOUR);
  addIssue({
    projectId: 3, title: 'Rotate TLS certificates', state: 'opened',
    description: 'The wildcard certificate expires at the end of the month; rotate it on the load balancers and the ingress.',
    labels: ['security'], milestone: milestones.get(3)?.[0] ?? null,
    authorId: 4, assigneeIds: [1], dueDate: '2025-06-27',
    timeEstimate: 28800, totalTimeSpent: 0, updatedAt: iso(SEED_NOW - 3 * HOUR), userNotesCount: 2,
  }, SEED_EPOCH + 6 * HOUR);
  addIssue({
    projectId: 4, title: 'Update partner onboarding docs', state: 'opened',
    description: 'The onboarding guide still shows the old portal screenshots.',
    labels: ['documentation'], milestone: null,
    authorId: 2, assigneeIds: [1], dueDate: null,
    timeEstimate: 0, totalTimeSpent: 0, updatedAt: iso(SEED_NOW - 4 * HOUR), userNotesCount: 0,
  }, SEED_EPOCH + 9 * HOUR);

  const rng = mulberry32(0x6e1ab);
  const fixedOpenAssigned = data.issues.length;
  const kinds: GeneratedKind[] = [
    ...Array.from({ length: Math.max(0, assignedIssueCount - fixedOpenAssigned) }, (): GeneratedKind => 'open-assigned'),
    ...Array.from({ length: 10 }, (): GeneratedKind => 'closed-assigned'),
    ...Array.from({ length: 10 }, (): GeneratedKind => 'open-unassigned'),
  ];
  shuffle(rng, kinds);

  const titles = shuffle(rng, VERBS.flatMap((verb) => SUBJECTS.map((subject) => `${verb} ${subject}`)));
  // Past the cartesian product, number the titles so they stay unique.
  const titleAt = (i: number): string => {
    const base = titles[i % titles.length] ?? 'Untitled';
    const round = Math.floor(i / titles.length);
    return round === 0 ? base : `${base} (part ${round + 1})`;
  };
  // Spread creation evenly over the seed window however many issues there are; the jitter
  // stays under one gap so creation order (and so iid order) is kept.
  const firstGenerated = SEED_EPOCH + 12 * HOUR;
  const gap = (SEED_NOW - DAY - firstGenerated) / Math.max(1, kinds.length);

  kinds.forEach((kind, i) => {
    const projectId = pick(rng, [1, 1, 2, 2, 3] as const);
    const labelCount = Math.floor(rng() * 4);
    const labels = [...new Set(Array.from({ length: labelCount }, () => pick(rng, LABELS)))].sort();
    const projectMilestones = milestones.get(projectId) ?? [];
    const milestone = rng() < 0.5 && projectMilestones.length > 0 ? pick(rng, projectMilestones) : null;
    const estimate = rng() < 0.5 ? (1 + Math.floor(rng() * 48)) * 1800 : 0;
    const spent = rng() < 0.45 ? (1 + Math.floor(rng() * 40)) * 900 : 0;
    const assigneeIds =
      kind === 'open-unassigned' ? (rng() < 0.5 ? [] : [pick(rng, [2, 3, 4] as const)]) : [1];
    const authorId = pick(rng, [1, 2, 3, 4] as const);
    const title = titleAt(i);
    const issue = addIssue({
      projectId, title, state: kind === 'closed-assigned' ? 'closed' : 'opened',
      description: `${title}. Generated seed issue ${i + 1} for the GitLab stand-in.`,
      labels, milestone, authorId, assigneeIds, dueDate: null,
      timeEstimate: estimate, totalTimeSpent: spent, userNotesCount: Math.floor(rng() * 6),
    }, Math.floor(firstGenerated + i * gap + rng() * gap * 0.5));
    const created = Date.parse(issue.createdAt);
    const updated = Math.min(SEED_NOW - 6 * HOUR, created + Math.floor(rng() * 20 * DAY));
    issue.updatedAt = iso(Math.max(created, updated));
    if (rng() < 0.4) issue.dueDate = isoDate(SEED_NOW + Math.floor(rng() * 60 - 10) * DAY);
    if (issue.state === 'closed') issue.closedAt = issue.updatedAt;
  });

  // In the archived project, after the generated ones so the assigned count stays as asked.
  addIssue({
    projectId: 5, title: 'Redirect the old pricing page', state: 'opened',
    description: 'Kept for the record; the project is archived.',
    labels: [], milestone: null,
    authorId: 2, assigneeIds: [2], dueDate: null,
    timeEstimate: 7200, totalTimeSpent: 3600, userNotesCount: 0,
  }, SEED_EPOCH + 2 * HOUR);

  const find = (projectId: number, iid: number): IssueRecord | undefined =>
    data.issues.find((issue) => issue.projectId === projectId && issue.iid === iid);
  const addTodo = (issue: IssueRecord | undefined, todo: Omit<StandInTodo, 'id' | 'issueId' | 'updatedAt'>): void => {
    if (!issue) return;
    data.todos.push({ ...todo, id: data.nextTodoId++, issueId: issue.id, updatedAt: todo.createdAt });
  };
  // acme/web#1 deliberately has no pending to-do, so adding one answers 201 first.
  addTodo(find(1, 2), { authorId: 3, actionName: 'assigned', body: 'Add dark mode to settings', state: 'pending', createdAt: iso(SEED_NOW - 2 * HOUR) });
  addTodo(find(3, 1), { authorId: 4, actionName: 'mentioned', body: '@demo can you rotate these before the freeze on Friday?', state: 'pending', createdAt: iso(SEED_NOW - 3 * HOUR) });
  addTodo(find(2, 1), { authorId: 2, actionName: 'directly_addressed', body: '@demo please estimate this one.', state: 'pending', createdAt: iso(SEED_NOW - 5 * HOUR) });
  addTodo(find(1, 3), { authorId: 1, actionName: 'marked', body: find(1, 3)?.title ?? '', state: 'done', createdAt: iso(SEED_NOW - 9 * DAY) });

  addMergeRequests(data, extraMergeRequests);
  return data;
}

/** A user's access level in a project: the demo user's is `accessLevel`, others' are in `members`; 0 = none. */
export function accessLevelOf(project: StandInProject, userId: number): number {
  if (userId === DEMO_USER.id) return project.accessLevel;
  return project.members?.[userId] ?? 0;
}

/** The fixed merge requests (GraphQL reads and logs time on them). */
function addMergeRequests(data: StandInData, extra: number): void {
  const add = (fields: Omit<MergeRequestRecord, 'id' | 'createdAt' | 'updatedAt'>, createdMs: number, updatedMs: number): void => {
    data.mergeRequests.push({ ...fields, id: 10000 + fields.projectId * 1000 + fields.iid, createdAt: iso(createdMs), updatedAt: iso(updatedMs) });
  };
  add({
    projectId: 1, iid: 1, title: 'Add rate limiting to the login endpoint', state: 'opened',
    description: 'Throttle failed sign-ins per IP and per account.',
    authorId: 1, assigneeIds: [1], reviewerIds: [2], sourceBranch: 'login-rate-limit', targetBranch: 'main',
    timeEstimate: 14400, totalTimeSpent: 3600,
  }, SEED_NOW - 6 * DAY, SEED_NOW - 5 * HOUR);
  add({
    projectId: 1, iid: 2, title: 'Fix Safari redirect loop after SSO sign-in', state: 'opened',
    description: 'Closes #1.',
    authorId: 2, assigneeIds: [2], reviewerIds: [1], sourceBranch: 'fix-sso-redirect', targetBranch: 'main',
    timeEstimate: 0, totalTimeSpent: 1800,
  }, SEED_NOW - 3 * DAY, SEED_NOW - 6 * HOUR);
  add({
    projectId: 2, iid: 1, title: 'Document the /orders pagination headers', state: 'opened',
    description: 'OpenAPI and README updates.',
    authorId: 1, assigneeIds: [1], reviewerIds: [], sourceBranch: 'orders-pagination-docs', targetBranch: 'main',
    timeEstimate: 7200, totalTimeSpent: 0,
  }, SEED_NOW - 2 * DAY, SEED_NOW - 7 * HOUR);
  // Many open merge requests for list tests: alternately assigned to the demo user and waiting for their review.
  for (let i = 0; i < extra; i++) {
    const mine = i % 2 === 0;
    add({
      projectId: 3, iid: 100 + i, title: `Generated merge request ${i + 1}`, state: 'opened', description: '',
      authorId: 2, assigneeIds: mine ? [1] : [2], reviewerIds: mine ? [] : [1], sourceBranch: `generated-${i + 1}`, targetBranch: 'main',
      timeEstimate: 3600 * (i % 4), totalTimeSpent: 600 * (i % 7),
    }, SEED_NOW - 20 * DAY, SEED_NOW - 8 * HOUR - i * 60_000);
  }
}
