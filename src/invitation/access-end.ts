import { ValidationProblem } from './invitation-draft';
import { AccessDays, AccessPolicy } from './lifecycle/lifecycle-policy';
import { domainMatches } from './policy';

/**
 * When a guest's access ends. Access runs to the end of a whole day in UTC (the bot does not know the person's
 * time zone, and shows every date in UTC): `--until 2027-03-31` ends at 2027-03-31T23:59:59.999Z, and 30 days asked
 * on 3 December end at the close of 2 January. The same rule serves a date (command, form), a number of days (bulk
 * file) and the policy's default; the policy's maximum bounds all of them.
 */

/** What a person asked for, as typed (untrusted): an end date `YYYY-MM-DD`, or a number of days from today. */
export type RequestedAccessEnd = { until: string } | { days: string };

export type AccessEndDecision =
  /** `endsAt` absent: access does not end by itself (no date asked, no default in the policy). */
  | { ok: true; endsAt?: string }
  | { ok: false; problem: ValidationProblem };

const DAY_MS = 86_400_000;
/** The schema's bound for policy days: longer is "no end date". */
export const MAX_ACCESS_DAYS = 3650;

/**
 * The days that apply to a domain: the first matching entry of `access.domains`, each field it leaves out taken
 * from the top-level values. Without a domain (not known yet), the top-level values.
 */
export function accessDaysFor(access: AccessPolicy, domain: string | undefined): AccessDays {
  const entry = domain === undefined ? undefined : access.domains.find((candidate) => domainMatches(candidate.pattern, domain));
  return entry ? entryDays(access, entry) : { defaultDays: access.defaultDays, maxDays: access.maxDays };
}

/** A domain entry's days, with what it leaves out taken from the top level. */
export function entryDays(access: AccessPolicy, entry: AccessDays): AccessDays {
  return { defaultDays: entry.defaultDays ?? access.defaultDays, maxDays: entry.maxDays ?? access.maxDays };
}

/**
 * The effective end of access for a request: the date or days asked for, else the domain's default; refused when
 * unreadable, in the past, or beyond the domain's maximum (the problem names the latest date allowed). Without a
 * domain (the address itself is invalid) only the ten-year bound is checked: the person fixes the address first.
 */
export function decideAccessEnd(
  access: AccessPolicy,
  input: { domain: string | undefined; requested?: RequestedAccessEnd },
  now: Date,
): AccessEndDecision {
  const today = startOfUtcDay(now);
  const { defaultDays, maxDays } = accessDaysFor(access, input.domain);
  // Before the domain is known only the schema's bound applies: a domain entry may allow more than the top level.
  const longest = (input.domain === undefined ? undefined : maxDays) ?? MAX_ACCESS_DAYS;
  const latest = today + longest * DAY_MS;

  const requested = input.requested;
  const untilText = requested && 'until' in requested ? requested.until.trim() : '';
  const daysText = requested && 'days' in requested ? requested.days.trim() : '';
  let lastDay: number;
  if (untilText !== '') {
    const day = parseIsoDate(untilText);
    if (day === undefined) return { ok: false, problem: { field: 'accessEnd', code: 'invalid', params: { value: shorten(untilText) } } };
    if (day < today) return { ok: false, problem: { field: 'accessEnd', code: 'inPast', params: { value: untilText, today: isoDate(new Date(today)) } } };
    lastDay = day;
  } else if (daysText !== '') {
    const days = /^\d{1,5}$/.test(daysText) ? Number(daysText) : NaN;
    if (!(days >= 1 && days <= MAX_ACCESS_DAYS)) {
      return { ok: false, problem: { field: 'accessEnd', code: 'invalidDays', params: { value: shorten(daysText), max: MAX_ACCESS_DAYS } } };
    }
    lastDay = today + days * DAY_MS;
  } else if (defaultDays !== undefined) {
    // The schema refuses a default beyond the maximum, so the default needs no check.
    return { ok: true, endsAt: endOfDay(today + defaultDays * DAY_MS) };
  } else {
    return { ok: true };
  }
  if (lastDay > latest) {
    return { ok: false, problem: { field: 'accessEnd', code: 'beyondMax', params: { latest: isoDate(new Date(latest)), maxDays: longest } } };
  }
  return { ok: true, endsAt: endOfDay(lastDay) };
}

/**
 * What a date picker can offer before the address is known (`YYYY-MM-DD`, UTC): today at the earliest; at the latest
 * the longest maximum over the top level and every domain entry (none when some domain has no maximum); and the
 * top-level default.
 */
export function accessEndBounds(access: AccessPolicy, now: Date): { earliest: string; latest?: string; defaultDays?: number } {
  const today = startOfUtcDay(now);
  const maxima = [access.maxDays, ...access.domains.map((entry) => entryDays(access, entry).maxDays)];
  const longest = maxima.some((days) => days === undefined) ? undefined : Math.max(...(maxima as number[]));
  return {
    earliest: isoDate(new Date(today)),
    ...(longest === undefined ? {} : { latest: isoDate(new Date(today + longest * DAY_MS)) }),
    ...(access.defaultDays === undefined ? {} : { defaultDays: access.defaultDays }),
  };
}

/** `YYYY-MM-DD` of a real calendar day, as its UTC midnight in milliseconds; anything else is undefined. */
function parseIsoDate(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  // Date.UTC rolls 2027-02-30 over to March: only a date that reads back the same is real.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return time;
}

function startOfUtcDay(now: Date): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}

function endOfDay(dayStart: number): string {
  return new Date(dayStart + DAY_MS - 1).toISOString();
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
