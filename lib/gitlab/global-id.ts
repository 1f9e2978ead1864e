/** The number at the end of a global id (`gid://gitlab/Timelog/42` → 42); 0 for anything else. */
export function idNumber(gid: string): number {
  const n = Number(/(\d+)$/.exec(gid)?.[1] ?? 0);
  return Number.isSafeInteger(n) ? n : 0;
}
