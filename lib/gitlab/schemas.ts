// valibot schemas for GitLab's JSON answers. Unknown fields are dropped; fields
// that some eras leave out get a default; a wrong type on a field we rely on
// fails, and the client turns that into a 'malformed' GitLabError.
import * as v from 'valibot';
import type { AssignedIssue, MyMergeRequest, GitLabUser, GitLabVersion, NoteEntry, TimeStats, Todo, TokenInfo } from './types';

const id = v.pipe(v.number(), v.safeInteger(), v.minValue(1));
const seconds = v.pipe(v.number(), v.finite(), v.minValue(0));
const text = v.string();

export const TimeStatsSchema = v.object({
  time_estimate: seconds,
  total_time_spent: seconds,
  human_time_estimate: v.optional(v.nullable(text), null),
  human_total_time_spent: v.optional(v.nullable(text), null),
});

export const UserSchema = v.object({
  id,
  username: text,
  name: text,
  avatar_url: v.optional(v.nullable(text), null),
  web_url: text,
});

export const VersionSchema = v.object({
  version: text,
  revision: v.optional(text, ''),
});

export const TokenInfoSchema = v.object({
  scopes: v.array(text),
  expires_at: v.optional(v.nullable(text), null),
  active: v.optional(v.boolean(), true),
  revoked: v.optional(v.boolean(), false),
});

export const AssignedIssueSchema = v.object({
  id,
  iid: id,
  project_id: id,
  title: text,
  web_url: text,
  state: text,
  labels: v.optional(v.array(text), []),
  due_date: v.optional(v.nullable(text), null),
  updated_at: text,
  references: v.optional(v.object({ full: text, short: text, relative: text })),
  time_stats: TimeStatsSchema,
});

export const MyMergeRequestSchema = v.object({
  id,
  iid: id,
  project_id: id,
  title: text,
  web_url: text,
  state: text,
  updated_at: text,
  references: v.optional(v.object({ full: text, short: text, relative: text })),
  time_stats: TimeStatsSchema,
});

const nullToEmpty = v.pipe(
  v.optional(v.nullable(text), null),
  v.transform((s) => s ?? ''),
);

export const TodoSchema = v.object({
  id,
  action_name: text,
  target_type: text,
  target_url: nullToEmpty,
  body: nullToEmpty,
  state: text,
  created_at: text,
  project: v.optional(v.nullable(v.object({ id, path_with_namespace: text })), null),
  // The target is whatever the to-do points at (issue, merge request, commit,
  // design, alert...); only iid and title are read, for display, so odd
  // values there are dropped rather than failing the whole list.
  target: v.fallback(
    v.optional(
      v.nullable(
        v.object({
          iid: v.fallback(v.optional(v.pipe(v.number(), v.safeInteger())), undefined),
          title: v.fallback(v.optional(text), undefined),
        }),
      ),
      null,
    ),
    null,
  ),
});

// Compile-time proof that the schemas produce the declared types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const proofs: [
  Same<v.InferOutput<typeof TimeStatsSchema>, TimeStats>,
  Same<v.InferOutput<typeof UserSchema>, GitLabUser>,
  Same<v.InferOutput<typeof VersionSchema>, GitLabVersion>,
  Same<v.InferOutput<typeof AssignedIssueSchema>, AssignedIssue>,
  Same<v.InferOutput<typeof MyMergeRequestSchema>, MyMergeRequest>,
  Same<v.InferOutput<typeof TodoSchema>, Todo>,
  Same<v.InferOutput<typeof TokenInfoSchema>, TokenInfo>,
] = [true, true, true, true, true, true, true];
void proofs;

// --- GraphQL (GitLab 15.3+ for timelogCreate with spentAt) -----------------------------------

export const GraphqlEnvelopeSchema = v.object({
  data: v.optional(v.unknown()),
  errors: v.optional(v.array(v.object({ message: v.string() }))),
});

export const ItemIdSchema = v.object({ id: v.pipe(v.number(), v.integer(), v.minValue(1)) });

const TimelogNodeSchema = v.object({
  id: v.string(),
  timeSpent: v.pipe(v.number(), v.integer()),
  spentAt: v.nullish(v.string()),
  summary: v.nullish(v.string()),
  user: v.nullish(v.object({ username: v.string() })),
});

const wholeSeconds = v.pipe(v.number(), v.integer());
export const NoteSchema = v.object({
  id: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  body: v.string(),
  system: v.optional(v.boolean(), false),
  author: v.nullish(v.object({ username: v.string() })),
});

const ListTimesNodes = v.nullish(v.object({ nodes: v.nullish(v.array(v.nullable(v.object({ iid: v.pipe(v.string(), v.regex(/^\d+$/)), timeEstimate: wholeSeconds, totalTimeSpent: wholeSeconds })))) }));
/** `ListTimes`: aliased projects (`p0`, `p1`, …), each with its issues' and merge requests' numbers. */
export const ListTimesSchema = v.record(v.string(), v.nullable(v.object({ issues: ListTimesNodes, mergeRequests: ListTimesNodes })));

export const ItemTimelogsSchema = v.object({
  project: v.nullable(v.object({ item: v.nullable(v.object({ id: v.string(), timeEstimate: wholeSeconds, totalTimeSpent: wholeSeconds, humanTimeEstimate: v.nullish(v.string()), humanTotalTimeSpent: v.nullish(v.string()), timelogs: v.object({ nodes: v.array(TimelogNodeSchema) }) })) })),
});

const ItemNumbersSchema = v.object({
  timeEstimate: wholeSeconds,
  totalTimeSpent: wholeSeconds,
  humanTimeEstimate: v.nullish(v.string()),
  humanTotalTimeSpent: v.nullish(v.string()),
});

/** `timelogCreate`'s answer, with the item's numbers after the log. */
export const TimelogCreateSchema = v.object({
  timelogCreate: v.object({
    timelog: v.nullable(v.object({ id: v.string(), issue: v.nullish(ItemNumbersSchema), mergeRequest: v.nullish(ItemNumbersSchema) })),
    errors: v.array(v.string()),
  }),
});

/** GraphQL's numbers of an item as REST's time_stats. */
export function timeStatsOf(n: v.InferOutput<typeof ItemNumbersSchema>): TimeStats {
  return { time_estimate: n.timeEstimate, total_time_spent: n.totalTimeSpent, human_time_estimate: n.humanTimeEstimate ?? null, human_total_time_spent: n.humanTotalTimeSpent ?? null };
}

export const TimelogMutationSchema = <K extends string>(field: K) =>
  v.object({ [field]: v.object({ timelog: v.nullable(v.object({ id: v.string() })), errors: v.array(v.string()) }) } as { [P in K]: v.ObjectSchema<{ timelog: v.NullableSchema<v.ObjectSchema<{ id: v.StringSchema<undefined> }, undefined>, undefined>; errors: v.ArraySchema<v.StringSchema<undefined>, undefined> }, undefined> });

const TimesheetItemSchema = v.object({ iid: v.string(), title: v.string(), webUrl: v.nullish(v.string()), reference: v.string() });

/** One page of `Query.timelogs` (the Timesheet's week). */
export const TimesheetPageSchema = v.object({
  timelogs: v.nullable(
    v.object({
      pageInfo: v.object({ hasNextPage: v.boolean(), endCursor: v.nullish(v.string()) }),
      nodes: v.array(
        v.nullable(
          v.object({
            id: v.string(),
            spentAt: v.nullish(v.string()),
            timeSpent: v.pipe(v.number(), v.integer()),
            summary: v.nullish(v.string()),
            issue: v.nullish(TimesheetItemSchema),
            mergeRequest: v.nullish(TimesheetItemSchema),
          }),
        ),
      ),
    }),
  ),
});

const pageOf = <S extends v.GenericSchema>(node: S) =>
  v.object({ pageInfo: v.object({ hasNextPage: v.boolean(), endCursor: v.nullish(v.string()) }), nodes: v.nullish(v.array(v.nullable(node))) });

const MyWorkItem = {
  id: v.pipe(v.string(), v.regex(/\/\d+$/)),
  iid: v.pipe(v.string(), v.regex(/^\d+$/)),
  title: v.string(),
  webUrl: v.nullish(v.string()),
  reference: v.string(),
  updatedAt: v.string(),
  ...ItemNumbersSchema.entries,
};

/**
 * `PopupLists`: one page of each list asked for (a list left out by `@include` is absent; a root
 * `issues` GitLab does not answer is null).
 */
export const MyWorkPageSchema = v.object({
  issues: v.optional(v.nullable(pageOf(v.object({ ...MyWorkItem, dueDate: v.nullish(v.string()), labels: v.nullish(v.object({ nodes: v.nullish(v.array(v.nullable(v.object({ title: v.string() })))) })) })))),
  currentUser: v.nullable(
    v.object({
      assignedMergeRequests: v.optional(v.nullable(pageOf(v.object(MyWorkItem)))),
      reviewRequestedMergeRequests: v.optional(v.nullable(pageOf(v.object(MyWorkItem)))),
    }),
  ),
});

/** A note as the client hands it on. */
export function noteEntry(n: v.InferOutput<typeof NoteSchema>): NoteEntry {
  return { id: n.id, body: n.body, system: n.system, username: n.author?.username ?? null };
}
