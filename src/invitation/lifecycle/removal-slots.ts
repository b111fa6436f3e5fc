import { AlreadyExistsError, ConcurrencyError } from '../request-repository';
import { VersionedState } from '../versioned-state';

/** The cap on disables and deletes (`maxRemovalsPerRun`), as slots a run takes before each removal. */
export interface RemovalSlots {
  /** Takes a slot; false when the cap is reached (the guest then waits for the next run). */
  take(): Promise<boolean>;
  /** Gives back a slot taken for a removal another run or a person claimed first. */
  giveBack(): Promise<void>;
}

/** Slots counted within one run only: for report-only runs, and for callers that run alone. */
export function runRemovalSlots(cap: number): RemovalSlots {
  let taken = 0;
  return {
    take: async () => (taken < cap ? (taken++, true) : false),
    giveBack: async () => void (taken = Math.max(0, taken - 1)),
  };
}

export const REMOVAL_SLOTS_KEY = 'lifecycle-removals';
/** Compare-and-swap attempts before a claim is refused (the guest then waits for the next run, which is safe). */
const MAX_ATTEMPTS = 20;

interface SlotCount {
  run: string;
  count: number;
}

/**
 * Slots counted in the store, so runs that overlap (a stalled instance's lease taken over) share one cap. `run`
 * names the run window: the job passes the last recorded run's time, which every run reads before starting and
 * writes only when done, so runs that overlap read the same one and count on one counter, and a later run starts
 * afresh. One key holds the counter of the latest window only; a run of an older window (one stalled past the
 * next run) is refused every slot, its guests left for the next run. Each take and give-back is a
 * compare-and-swap on that key.
 */
export function sharedRemovalSlots(state: Pick<VersionedState, 'get' | 'put'>, run: string, cap: number): RemovalSlots {
  const change = async (next: (current: SlotCount | undefined) => SlotCount | undefined): Promise<boolean> => {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stored = await state.get<SlotCount>(REMOVAL_SLOTS_KEY);
      const value = next(stored?.value);
      if (!value) return false;
      try {
        await state.put<SlotCount>(REMOVAL_SLOTS_KEY, value, stored?.etag);
        return true;
      } catch (error) {
        if (!(error instanceof ConcurrencyError) && !(error instanceof AlreadyExistsError)) throw error;
      }
    }
    return false;
  };
  return {
    take: () =>
      change((current) => {
        if (!current || current.run < run) return cap > 0 ? { run, count: 1 } : undefined;
        if (current.run > run || current.count >= cap) return undefined;
        return { run, count: current.count + 1 };
      }),
    giveBack: async () => {
      await change((current) => (current?.run === run && current.count > 0 ? { run, count: current.count - 1 } : undefined));
    },
  };
}
