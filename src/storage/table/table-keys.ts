import { createHash } from 'node:crypto';

/**
 * Partition and row keys. Azure Table Storage refuses `/ \ # ?` and control characters in keys; Cosmos DB for Table
 * also limits a row key to 255 bytes. Keys built from caller data (request ids, Teams conversation ids, Entra
 * object ids) are therefore escaped to a safe alphabet, and long ones replaced by a hash.
 */

/** Longest escaped component kept readable; longer ones are hashed so composite row keys stay under 255 bytes. */
const MAX_READABLE_LENGTH = 100;

/**
 * `A-Z a-z 0-9 - _ .` stay as they are (so ids stay readable in Storage Explorer); every other UTF-8 byte becomes
 * `~XX`. `~` always starts an escape, so two different inputs never share an output, and no output contains `|`,
 * which composite keys use as their separator. An over-long result becomes `~~` + SHA-256 (which no escape can
 * produce, since hex digits never include `~`).
 */
export function escapeKey(raw: string): string {
  let escaped = '';
  for (const byte of Buffer.from(raw, 'utf8')) {
    const char = String.fromCharCode(byte);
    escaped += /[A-Za-z0-9\-_.]/.test(char) ? char : `~${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  if (escaped.length <= MAX_READABLE_LENGTH) return escaped;
  return `~~${createHash('sha256').update(raw, 'utf8').digest('base64url')}`;
}

/** JavaScript dates span ±8.64e15 ms around 1970; shifting by that much makes every instant a non-negative integer. */
const DATE_BIAS = 8_640_000_000_000_000n;
const TIME_DIGITS = 17;
const STAMP_DIGITS = 16;

/** Digit-wise 9's complement of a fixed-width number: a larger number gives a smaller string, so sorting ascending lists newest first. */
function invertDigits(digits: string): string {
  return digits.replace(/\d/g, (d) => String(9 - Number(d)));
}

/** An instant (epoch ms) as 17 digits that sort newest first; out-of-range values are clamped to the range of dates. */
export function invertedTime(ms: number): string {
  const clamped = Math.min(8.64e15, Math.max(-8.64e15, Math.trunc(ms)));
  return invertDigits((BigInt(clamped) + DATE_BIAS).toString().padStart(TIME_DIGITS, '0'));
}

/**
 * The order key of a row: newest `ms` first, then newest write `stamp` first (see write-stamp.ts), so two rows of
 * the same instant come out in the reverse of the order they were written, as the SQLite store orders by rowid.
 */
export function sortKey(ms: number, stamp: number): string {
  return invertedTime(ms) + invertDigits(String(stamp).padStart(STAMP_DIGITS, '0'));
}

/** The same sort key for another instant, keeping its write stamp (a row keeps its place among same-instant rows). */
export function retime(key: string, ms: number): string {
  return invertedTime(ms) + key.slice(TIME_DIGITS);
}

/**
 * OData conditions selecting row keys `prefix + sortKey(ms, …) + …` with `fromMs <= ms < toMs` (either bound
 * optional). With inverted times, "at or after from" is "row key below the key of from - 1 ms", and "before to"
 * is "row key at or above the key of to - 1 ms". `prefix` must end with `|`; the range never leaves it.
 */
export function rowKeyRange(prefix: string, fromMs?: number, toMs?: number): { ge: string; lt: string } {
  const ge = toMs === undefined ? prefix : prefix + invertedTime(toMs - 1);
  const lt = fromMs === undefined ? prefixEnd(prefix) : prefix + invertedTime(fromMs - 1);
  return { ge, lt };
}

/** The smallest string greater than every string starting with `prefix`. */
export function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** An instant (epoch ms) as 17 digits that sort oldest first (due times: the earliest due comes first). */
export function ascendingTime(ms: number): string {
  const clamped = Math.min(8.64e15, Math.max(-8.64e15, Math.trunc(ms)));
  return (BigInt(clamped) + DATE_BIAS).toString().padStart(TIME_DIGITS, '0');
}
