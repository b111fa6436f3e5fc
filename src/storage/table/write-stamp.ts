/**
 * A number that grows with every call in this process: wall-clock microseconds, nudged forward when several
 * writes share a microsecond (or the clock steps back). It orders writes made here exactly, and writes made by
 * other instances as well as their clocks agree; it only breaks ties and orders the audit trail, never decides
 * who wins a race (entity ETags do that).
 */
let last = 0;

export function nextWriteStamp(): number {
  // Date.now() * 1000 stays below 2^53 until the year 2255, so the arithmetic is exact.
  last = Math.max(Date.now() * 1000, last + 1);
  return last;
}
