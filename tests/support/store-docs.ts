/**
 * What the store documents must say about the build, read back for tests: the permission
 * justifications in docs/store-listing.md and the build steps in SOURCE_CODE_REVIEW.md.
 */
import type { Manifest } from './least-privilege';

/** Every permission and host permission a manifest asks for, required or optional. */
export function permissionsOf(manifest: Manifest): string[] {
  const all = [...(manifest.permissions ?? []), ...(manifest.host_permissions ?? []), ...(manifest.optional_permissions ?? []), ...(manifest.optional_host_permissions ?? [])];
  return [...new Set(all)].sort();
}

/** A justification says something: a few words, not a placeholder. */
const MIN_JUSTIFICATION = 30;

/**
 * The permissions docs/store-listing.md justifies: rows of its permission table
 * (`| \`storage\` | why … |`) between `<!-- permissions:start -->` and `<!-- permissions:end -->`.
 * A row may name several permissions (`\`https://*\/*\`, \`http://*\/*\``); a row whose reason is
 * empty or a few characters justifies nothing.
 */
export function justifiedPermissions(markdown: string): string[] {
  const section = /<!-- permissions:start -->([\s\S]*?)<!-- permissions:end -->/.exec(markdown)?.[1] ?? '';
  const justified = new Set<string>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    // `| a | b | c |` splits into ['', a, b, c, '']: the first cell names, the last one justifies.
    if (cells.length < 4 || /^-+$/.test(cells[1]!)) continue;
    const reason = cells[cells.length - 2]!;
    if (reason.length < MIN_JUSTIFICATION) continue;
    for (const [, name] of cells[1]!.matchAll(/`([^`]+)`/g)) justified.add(name!);
  }
  return [...justified].sort();
}

/** The manifest's permissions the listing does not justify. */
export function unjustifiedPermissions(manifest: Manifest, markdown: string): string[] {
  const justified = new Set(justifiedPermissions(markdown));
  return permissionsOf(manifest).filter((p) => !justified.has(p));
}

/** The commands of the build steps: the shell block between `<!-- steps:start -->` and `<!-- steps:end -->`, comments dropped. */
export function documentedSteps(markdown: string): string[] {
  const section = /<!-- steps:start -->([\s\S]*?)<!-- steps:end -->/.exec(markdown)?.[1] ?? '';
  const block = /```(?:sh|bash)?\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter(Boolean);
}
