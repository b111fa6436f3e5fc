import { z } from 'zod';
import { GuestRef } from '../../invitation/find-guest';
import { isResetToken } from '../../invitation/reset-redemption';

/**
 * The data of the status card's Resend / New link / Reset buttons and of the reset confirmation. It comes back
 * from the client like any input, so it is checked; the object id is what the use case acts on (the address may
 * match several accounts). The rest only shapes the answer.
 */
const optionalText = (max: number) => z.string().trim().min(1).max(max).optional().catch(undefined);
const schema = z.object({
  userId: z.string().trim().min(1).max(64),
  email: z.string().max(320).optional(),
  query: optionalText(320),
  name: optionalText(256),
  once: z.string().optional().catch(undefined),
  newEmail: optionalText(320),
  from: z.enum(['pending']).optional().catch(undefined),
});

export interface GuestAction {
  ref: { userId: string };
  email?: string;
  /** The status card's query, to show that card again with the outcome. */
  query?: string;
  name?: string;
  /** A reset's token; absent when malformed. */
  once?: string;
  newEmail?: string;
  /** The button was on the list of pending guests, not on a status card. */
  from?: 'pending';
}

export function readGuestAction(data: Record<string, unknown>): GuestAction | undefined {
  const parsed = schema.safeParse(data);
  if (!parsed.success) return undefined;
  const { userId, email, query, name, once, newEmail, from } = parsed.data;
  return { ref: { userId }, email, query, name, once: isResetToken(once) ? once : undefined, newEmail, from };
}

export function readGuestRef(data: Record<string, unknown>): GuestRef | undefined {
  return readGuestAction(data)?.ref;
}
