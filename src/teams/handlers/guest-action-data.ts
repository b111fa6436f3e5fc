import { z } from 'zod';
import { GuestRef } from '../../invitation/find-guest';

/**
 * The data of the status card's Resend / New link / Reset buttons. It comes back from the client like any input,
 * so it is checked; the object id is what the use case acts on (the address may match several accounts).
 */
const schema = z.object({ userId: z.string().trim().min(1).max(64), email: z.string().max(320).optional() });

export function readGuestRef(data: Record<string, unknown>): GuestRef | undefined {
  const parsed = schema.safeParse(data);
  return parsed.success ? { userId: parsed.data.userId } : undefined;
}
