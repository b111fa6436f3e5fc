import { ConcurrencyError, Versioned } from '../request-repository';
import { GovernedGuest } from './governed-guest';
import { GovernedGuestStore } from './governed-guest-store';

/** Two people pressing at once rarely collide more than once; past this, the second is told to try again. */
const ATTEMPTS = 3;

/** The history a record keeps; the audit trail keeps everything. */
const MAX_HISTORY = 50;

/**
 * Applies `change` to the stored guest with compare-and-swap, reading again when someone else wrote first.
 * `change` returns the new record, or a reason to leave it alone (then nothing is written).
 */
export async function changeGovernedGuest<R>(
  guests: GovernedGuestStore,
  userId: string,
  change: (guest: GovernedGuest) => { next: GovernedGuest; result: R } | { refused: R },
): Promise<{ changed: Versioned<GovernedGuest>; result: R } | { refused: R } | { notFound: true }> {
  for (let attempt = 1; ; attempt++) {
    const stored = await guests.get(userId.toLowerCase());
    if (!stored) return { notFound: true };
    const outcome = change(structuredClone(stored.value));
    if ('refused' in outcome) return outcome;
    try {
      const next = { ...outcome.next, history: outcome.next.history.slice(-MAX_HISTORY) };
      return { changed: await guests.update(next, stored.etag), result: outcome.result };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= ATTEMPTS) throw error;
    }
  }
}
