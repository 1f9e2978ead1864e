// A busy issue for the benchmark (scripts/bench/): `?comments=N` on an issue page renders N
// comments in its notes list (at most 5,000), and `standInComments.append(count)` in the page
// appends more, one per task, as GitLab's notes app does when new comments arrive by polling.

export const MAX_COMMENTS = 5_000;

/** The `?comments=` value, clamped; 0 when absent or not a number. */
export function commentCount(query: URLSearchParams | undefined): number {
  const n = Number(query?.get('comments') ?? 0);
  return Number.isInteger(n) && n > 0 ? Math.min(n, MAX_COMMENTS) : 0;
}

function comment(i: number): string {
  const author = ['alex.rivera', 'sam.okafor', 'mei.lin', 'demo'][i % 4]!;
  return (
    `<li class="note timeline-entry" id="note_${i + 1}" data-note-id="${i + 1}"><div class="timeline-entry-inner">` +
    `<div class="note-header"><a class="author-name" href="/${author}">${author}</a> <time datetime="2025-03-01T10:00:00Z">Mar 1, 2025</time></div>` +
    `<div class="note-body"><div class="note-text md"><p>Comment ${i + 1}: checked the redirect again with the <code>next</code> parameter; still looping on the second hop.</p></div></div>` +
    `</div></li>`
  );
}

const APPEND_SCRIPT = `<script>
window.standInComments = { append: (count) => new Promise((resolve) => {
  const list = document.querySelector('#tk-comments');
  let next = list.children.length, left = count;
  const one = () => {
    const li = document.createElement('li');
    li.className = 'note timeline-entry';
    li.id = 'note_' + (++next);
    li.innerHTML = '<div class="timeline-entry-inner"><div class="note-header"><a class="author-name" href="/demo">demo</a></div><div class="note-body"><div class="note-text md"><p>New comment ' + next + '</p></div></div></div>';
    list.append(li);
    if (--left > 0) setTimeout(one, 0); else resolve(undefined);
  };
  count > 0 ? one() : resolve(undefined);
}) };
</script>`;

/** Puts `count` comments into the issue page's notes list (both eras' templates have `#notes-list`). */
export function withComments(html: string, count: number): string {
  const list = `<ul id="tk-comments" class="notes main-notes-list timeline">${Array.from({ length: count }, (_, i) => comment(i)).join('')}</ul>`;
  const inList = html.replace(/(<(section|ul) id="notes-list"[^>]*>)/, `$1${list}`);
  return inList.replace('</body>', `${APPEND_SCRIPT}\n</body>`);
}
