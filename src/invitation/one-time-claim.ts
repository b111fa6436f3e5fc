import { AlreadyExistsError, ConcurrencyError } from './request-repository';
import { VersionedState } from './versioned-state';

/** Taken: the action may run; `release` gives the claim back when it turned out not to have happened. */
export type OneTimeClaim = { kind: 'claimed'; release(): Promise<void> } | { kind: 'used'; at: string };

interface ClaimRecord {
  /** Absent once released: the action did not happen and may be asked for again. */
  usedAt?: string;
}

/**
 * Makes an action happen at most once for `key`, across concurrent presses, instances and restarts: the claim is
 * a compare-and-swap in the store's versioned state, so of two presses of the same button exactly one wins.
 */
export async function claimOnce(state: VersionedState, key: string, now: Date): Promise<OneTimeClaim> {
  const current = await state.get<ClaimRecord>(key);
  if (current?.value.usedAt) return { kind: 'used', at: current.value.usedAt };
  let taken;
  try {
    taken = await state.put<ClaimRecord>(key, { usedAt: now.toISOString() }, current?.etag);
  } catch (error) {
    if (!(error instanceof ConcurrencyError || error instanceof AlreadyExistsError)) throw error;
    const winner = await state.get<ClaimRecord>(key);
    return { kind: 'used', at: winner?.value.usedAt ?? now.toISOString() };
  }
  return {
    kind: 'claimed',
    async release() {
      try {
        await state.put<ClaimRecord>(key, {}, taken.etag);
      } catch (error) {
        // Someone wrote since: theirs stands.
        if (!(error instanceof ConcurrencyError)) throw error;
      }
    },
  };
}
