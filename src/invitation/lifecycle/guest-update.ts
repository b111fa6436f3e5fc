import { ConcurrencyError, Versioned } from '../request-repository';
import { GovernedGuest, GuestLifecycleEvent } from './governed-guest';
import { GovernedGuestStore } from './governed-guest-store';

const MAX_ATTEMPTS = 20;
/** The record keeps the latest events only; the audit trail keeps every one. */
export const MAX_HISTORY = 50;

export interface GuestUpdate {
  changed: boolean;
  /** Undefined only when the guest is not governed. */
  guest?: GovernedGuest;
  etag?: string;
}

/**
 * Read-modify-write of a governed guest with optimistic concurrency, as `updateRequest` does for requests:
 * `change` returns the new record, or `undefined` to leave it. Every lifecycle side effect is claimed through
 * this first, and `change` decides on the current record each time, so of two writers (two runs, two presses)
 * exactly one claims the effect. `target` is the user id, or the version the caller holds (first write without
 * a read; a refusal is decided again on what the store has).
 */
export async function updateGuest(
  guests: GovernedGuestStore,
  target: string | Versioned<GovernedGuest>,
  change: (current: GovernedGuest) => GovernedGuest | undefined,
): Promise<GuestUpdate> {
  const userId = typeof target === 'string' ? target : target.value.userId;
  let held = typeof target === 'string' ? undefined : target;
  for (let attempt = 1; ; attempt++) {
    const current: Versioned<GovernedGuest> | undefined = held ?? (await guests.get(userId));
    if (!current) return { changed: false };
    const next = change(current.value);
    if (!next) {
      if (held) {
        held = undefined;
        continue;
      }
      return { changed: false, guest: current.value, etag: current.etag };
    }
    held = undefined;
    try {
      const saved = await guests.update(next, current.etag);
      return { changed: true, guest: saved.value, etag: saved.etag };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/** The guest with `event` appended to its history, the oldest events dropped beyond `MAX_HISTORY`. */
export function withEvent(guest: GovernedGuest, event: GuestLifecycleEvent): GovernedGuest {
  return { ...guest, history: [...guest.history, event].slice(-MAX_HISTORY) };
}
