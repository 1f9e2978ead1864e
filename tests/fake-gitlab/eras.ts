// The GitLab eras the stand-in can play (startStandIn({ era })), from the seed API documents in
// ../shared/seeds/ and docs/gitlab.md. Each era decides the API prefixes served, the version
// string, which routes exist, the JSON shapes, and the issue page's URL and template.

export type EraName = '8.12' | 'gitswarm' | '8.16' | '10.x' | '16.x' | '17.x';

export interface Era {
  name: EraName;
  /** What `/version` says; also what the extension records. */
  version: string;
  /** API versions served: v3 only on 8.x, both on 9.0-10.x, v4 only from 11.0. */
  apis: ReadonlyArray<'v3' | 'v4'>;
  /** `GET /version` exists from 8.13. */
  versionRoute: boolean;
  /** The time tracking API (`time_stats`, `time_estimate`, ...): 8.16+. Without it those routes are 404. */
  timeTracking: boolean;
  /** `summary` on add_spent_time (about 14.2+); older servers drop it. */
  timelogSummary: boolean;
  /** GraphQL (`/api/graphql`) with timelogCreate (15.3+). */
  graphql: boolean;
  /** Spellings `GET /issues?scope=` accepts; null: no `scope` parameter at all (v3). */
  issueScopes: readonly string[];
  /** Merge requests have reviewers (13.7+): `reviewer_username`, `scope=reviews_for_me`. */
  reviewers: boolean;
  /** v4 issue JSON carries `references` (12.7+). */
  references: boolean;
  /** Issue pages at `/<project>/issues/<iid>` (before 12.9) rather than `/<project>/-/issues/<iid>`. */
  oldIssueUrls: boolean;
  /** User web URLs: GitSwarm puts them under `/u/`. */
  userPrefix: '' | '/u';
  /** What creating a to-do answers (GitSwarm documents 200). */
  todoCreatedStatus: 200 | 201;
  /** The issue page fixture (tests/fixtures/pages/); null: each project's own (17.x: work items, one legacy). */
  pageTemplate: string | null;
  /** Shown in the page's site name. */
  product: 'GitLab' | 'GitSwarm';
}

const MODERN_SCOPES = ['assigned_to_me', 'assigned-to-me', 'created_by_me', 'created-by-me', 'all'] as const;

export const ERAS: Readonly<Record<EraName, Era>> = {
  '8.12': {
    name: '8.12', version: '8.12.4', apis: ['v3'], versionRoute: false, timeTracking: false, timelogSummary: false, graphql: false,
    issueScopes: [], reviewers: false, references: false, oldIssueUrls: true, userPrefix: '', todoCreatedStatus: 201, pageTemplate: 'sidebar-8-12.html', product: 'GitLab',
  },
  gitswarm: {
    name: 'gitswarm', version: '2016.3', apis: ['v3'], versionRoute: false, timeTracking: false, timelogSummary: false, graphql: false,
    issueScopes: [], reviewers: false, references: false, oldIssueUrls: true, userPrefix: '/u', todoCreatedStatus: 200, pageTemplate: 'sidebar-8-12.html', product: 'GitSwarm',
  },
  '8.16': {
    name: '8.16', version: '8.16.4', apis: ['v3'], versionRoute: true, timeTracking: true, timelogSummary: false, graphql: false,
    issueScopes: [], reviewers: false, references: false, oldIssueUrls: true, userPrefix: '', todoCreatedStatus: 201, pageTemplate: 'sidebar-8-16.html', product: 'GitLab',
  },
  '10.x': {
    name: '10.x', version: '10.8.7', apis: ['v3', 'v4'], versionRoute: true, timeTracking: true, timelogSummary: false, graphql: false,
    // 9.5-10.x know only the hyphenated spellings and answer 400 to the others.
    issueScopes: ['assigned-to-me', 'created-by-me', 'all'], reviewers: false, references: false, oldIssueUrls: true, userPrefix: '', todoCreatedStatus: 201, pageTemplate: 'sidebar-10.html', product: 'GitLab',
  },
  '16.x': {
    name: '16.x', version: '16.11.5', apis: ['v4'], versionRoute: true, timeTracking: true, timelogSummary: true, graphql: true,
    issueScopes: MODERN_SCOPES, reviewers: true, references: true, oldIssueUrls: false, userPrefix: '', todoCreatedStatus: 201, pageTemplate: 'legacy-sidebar-16.html', product: 'GitLab',
  },
  '17.x': {
    name: '17.x', version: '17.11.0-ee', apis: ['v4'], versionRoute: true, timeTracking: true, timelogSummary: true, graphql: true,
    issueScopes: MODERN_SCOPES, reviewers: true, references: true, oldIssueUrls: false, userPrefix: '', todoCreatedStatus: 201, pageTemplate: null, product: 'GitLab',
  },
};

export const ERA_NAMES = Object.keys(ERAS) as EraName[];

export function eraOf(name: EraName | undefined): Era {
  return ERAS[name ?? '17.x'];
}
