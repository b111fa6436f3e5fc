import { z } from 'zod';
import { KEEP_DAYS_FIELD, readListInput, SPONSOR_FIELD } from '../../cards/input-ids';
import { MAX_ACCESS_DAYS } from '../../invitation/access-end';

/**
 * The data of the lifecycle cards' buttons. It comes back from the client like any input (and can be forged), so
 * it is checked here; the use cases then decide whether this person may act on this guest and review.
 */
const guestRef = z.object({ userId: z.string().trim().min(1).max(64) });
const reviewRef = guestRef.extend({ reviewId: z.string().trim().min(1).max(64) });

export function readGuestRef(data: Record<string, unknown>): { userId: string } | undefined {
  const parsed = guestRef.safeParse(data);
  return parsed.success ? { userId: parsed.data.userId } : undefined;
}

export function readReviewRef(data: Record<string, unknown>): { userId: string; reviewId: string } | undefined {
  const parsed = reviewRef.safeParse(data);
  return parsed.success ? { userId: parsed.data.userId, reviewId: parsed.data.reviewId } : undefined;
}

/** The days chosen on the card: a whole number the schema allows; over the domain's maximum is the use case's to refuse. */
export function readKeepDays(data: Record<string, unknown>): number | undefined {
  const text = readListInput(data, KEEP_DAYS_FIELD);
  if (text === undefined || !/^\d{1,5}$/.test(text)) return undefined;
  const days = Number(text);
  return days >= 1 && days <= MAX_ACCESS_DAYS ? days : undefined;
}

export function readSponsorAddress(data: Record<string, unknown>): string | undefined {
  const text = readListInput(data, SPONSOR_FIELD);
  return text === undefined ? undefined : text.slice(0, 320);
}
