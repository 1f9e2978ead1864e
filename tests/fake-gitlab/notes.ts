// Time tracking system notes, as GitLab writes them in each era the stand-in plays, and the issue
// notes endpoints that list them (v4 `GET /projects/:id/issues/:iid/notes`, v3
// `GET /projects/:id/issues/:issue_id/notes`). README.md ("Time tracking system notes") says what
// each wording was read from; the paths below are GitLab's.
import { humanDuration } from './duration';
import type { Era } from './eras';
import type { NoteRecord, StandInData } from './seed';

/** What changed the time spent. */
export type TimeNoteEvent =
  /** REST `add_spent_time` (positive or negative): GitLab passes no spent_at from REST. */
  | { kind: 'spent'; seconds: number }
  /** REST `reset_spent_time`. */
  | { kind: 'reset' }
  /** GraphQL `timelogCreate` (SystemNoteService.created_timelog). */
  | { kind: 'timelog-created'; seconds: number; spentAt: string }
  /** GraphQL `timelogDelete` (SystemNoteService.remove_timelog). */
  | { kind: 'timelog-deleted'; seconds: number; spentAt: string };

const output = (seconds: number): string => humanDuration(seconds) ?? '0s';
const day = (iso: string): string => iso.slice(0, 10);

/**
 * The note body GitLab writes. Eras without a name here (17.x default) use the 16.x/17.x wording.
 *
 * - 8.16 (app/services/system_note_service.rb `change_time_spent`, first version):
 *   "added 1h 30m of time spent", "subtracted 15m of time spent", "removed time spent"; no date.
 * - 10.x (same method after spent_at arrived, gitlab-foss !14866): " at <date>" only when a spent_at
 *   was given, which REST never passes (lib/api/helpers time tracking endpoints: spend_time has
 *   duration, user_id only), so REST notes read as in 8.16.
 * - 16.x/17.x (app/services/system_notes/time_tracking_service.rb `change_time_spent`,
 *   `created_timelog`, `remove_timelog`): "added 1h of time spent" plus " at YYYY-MM-DD" when the
 *   spent_at day is not today; "deleted 1h of spent time from YYYY-MM-DD" (always dated).
 */
export function timeNoteBody(era: Era | undefined, event: TimeNoteEvent, now: Date = new Date()): string {
  if (event.kind === 'reset') return 'removed time spent';
  if (event.kind === 'timelog-deleted') return `deleted ${output(event.seconds)} of spent time from ${day(event.spentAt)}`;
  const action = event.seconds > 0 ? 'added' : 'subtracted';
  const body = `${action} ${output(Math.abs(event.seconds))} of time spent`;
  if (event.kind === 'spent' || era?.name === '8.16' || era?.name === '10.x') return body;
  const spentDay = day(event.spentAt);
  return spentDay !== day(now.toISOString()) ? `${body} at ${spentDay}` : body;
}

/** Records a system note authored by `authorId` on an issue or merge request. */
export function addSystemNote(data: StandInData, noteable: Pick<NoteRecord, 'noteableType' | 'noteableId'>, authorId: number, body: string, at: string): NoteRecord {
  const note: NoteRecord = { id: data.nextNoteId++, ...noteable, authorId, body, system: true, createdAt: at, updatedAt: at };
  data.notes.push(note);
  return note;
}

/** An issue's notes in GitLab's API order: v4 `order_by` (created_at|updated_at) and `sort` (asc|desc). */
export function sortedNotes(notes: NoteRecord[], orderBy: 'created_at' | 'updated_at', sort: 'asc' | 'desc'): NoteRecord[] {
  const key = (n: NoteRecord): string => (orderBy === 'updated_at' ? n.updatedAt : n.createdAt);
  const direction = sort === 'asc' ? 1 : -1;
  // lib/api/notes.rb orders with a tie breaker on id, in the same direction.
  return [...notes].sort((a, b) => (key(a) === key(b) ? (a.id - b.id) * direction : key(a) < key(b) ? -direction : direction));
}

/** lib/api/entities/note.rb (v4) for an issue note. */
export function noteJsonV4(note: NoteRecord, author: Record<string, unknown>, noteableIid: number): Record<string, unknown> {
  return {
    id: note.id,
    type: null,
    body: note.body,
    attachment: null,
    author,
    created_at: note.createdAt,
    updated_at: note.updatedAt,
    system: note.system,
    noteable_id: note.noteableId,
    noteable_type: note.noteableType,
    resolvable: false,
    confidential: false,
    noteable_iid: noteableIid,
    commands_changes: {},
  };
}
