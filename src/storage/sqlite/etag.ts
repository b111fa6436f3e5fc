/** The SQLite stores use the row's integer version as the etag. */
export function etagOf(version: number): string {
  return String(version);
}

/** The version an etag names, or undefined if it cannot be one of ours (and so cannot be current). */
export function versionOf(etag: string): number | undefined {
  return /^[1-9]\d{0,15}$/.test(etag) ? Number(etag) : undefined;
}
