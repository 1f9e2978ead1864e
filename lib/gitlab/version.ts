/** GitLab version strings: `17.11.0-ee`, `8.16.3`, `10.0.0-rc1`. */
export function parseVersion(version: string | null | undefined): [number, number, number] | null {
  const m = version ? /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(version.trim()) : null;
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}

export function versionAtLeast(version: string | null | undefined, major: number, minor = 0): boolean {
  const v = parseVersion(version);
  if (!v) return false;
  return v[0] > major || (v[0] === major && v[1] >= minor);
}

/** `timelogCreate` with `spentAt` and `timelogDelete` over GraphQL. */
export const supportsTimelogGraphql = (version: string | null | undefined): boolean => versionAtLeast(version, 15, 3);
